"""Facts about content that more than one job needs, written once.

- EVENT_HANDLERS: the build's Content-Security-Policy blocks inline event handlers, so
  check_content fails a page whose raw HTML has one.
- The new post's stand-in sentences: new_post builds its template from them, and
  check_content fails a post that still has one.
"""

# Event handler attributes a browser runs (onclick=...). Listed, not guessed from "on...":
# an unescaped quote in a meta description leaves words such as `ones."` as attributes.
EVENT_HANDLERS = frozenset("on" + name for name in """
    abort afterprint animationcancel animationend animationiteration animationstart auxclick
    beforeinput beforematch beforeprint beforetoggle beforeunload blur cancel canplay
    canplaythrough change click close contextlost contextmenu contextrestored copy cuechange
    cut dblclick drag dragend dragenter dragleave dragover dragstart drop durationchange
    emptied ended error focus focusin focusout formdata fullscreenchange fullscreenerror
    gotpointercapture hashchange input invalid keydown keypress keyup languagechange load
    loadeddata loadedmetadata loadstart lostpointercapture message messageerror mousedown
    mouseenter mouseleave mousemove mouseout mouseover mouseup offline online pagehide
    pagereveal pageshow pageswap paste pause play playing pointercancel pointerdown
    pointerenter pointerleave pointermove pointerout pointerover pointerup popstate progress
    ratechange rejectionhandled reset resize scroll scrollend securitypolicyviolation seeked
    seeking select selectionchange selectstart slotchange stalled storage submit suspend
    timeupdate toggle touchcancel touchend touchmove touchstart transitioncancel
    transitionend transitionrun transitionstart unhandledrejection unload volumechange
    waiting wheel
""".split())

# The stand-in sentences of a new post (`make post`), each where the author writes their own
DESCRIPTION_PLACEHOLDER = "One plain sentence about this post, for feeds and search results."
INTRODUCTION_PLACEHOLDER = "Write a short introduction here: what the post covers and who it is for."
BODY_PLACEHOLDER = "Write the article in short paragraphs. Say where each fact comes from."
REFERENCE_PLACEHOLDER = "Author A, Author B. Title of the article."
PLACEHOLDERS = (DESCRIPTION_PLACEHOLDER, INTRODUCTION_PLACEHOLDER, BODY_PLACEHOLDER, REFERENCE_PLACEHOLDER)
