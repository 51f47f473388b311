"""Hand the home page its list of latest posts.

Material's blog plugin only gives `posts` to blog index, archive and category
pages; the home page template (overrides/home.html) shows the newest few too.
"""

LATEST = 3


def on_page_context(context, page, config, nav):
    if page.is_homepage:
        blog = config.plugins["material/blog"].blog
        context["latest_posts"] = blog.posts[:LATEST]
    return context
