// Words that suggest a reader may be in crisis or being hurt. When what a reader
// types into search contains one, search shows "You don't have to face this alone"
// and the way to Get help now above any article (the message itself is in
// overrides/partials/site-search-form.html). It is checked in the browser as they
// type, and nothing is stored (search itself asks the site for the index parts named
// by the first two letters of each word). Loaded with search-ui.js, on first use.
//
// To add a word or phrase, add a line. Write it in lower case. It matches whole
// words; a "*" at the end also matches longer words that start with it ("suicid*"
// matches suicide and suicidal). Punctuation does not matter: "self harm" also
// matches "self-harm", and "dont" matches "don't".
export const CRISIS_WORDS = [
  // Suicide and wanting to die
  "suicid*",
  "kill myself",
  "killing myself",
  "end my life",
  "take my life",
  "end it all",
  "want to die",
  "wanna die",
  "wish i was dead",
  "wish i were dead",
  "better off dead",
  "dont want to live",
  "no reason to live",
  "overdos*",
  // Self-harm
  "self harm*",
  "selfharm*",
  "self injur*",
  "hurt myself",
  "hurting myself",
  "cutting",
  "cut myself",
  // Abuse and not being safe
  "abus*",
  "hurting me",
  "hurts me",
  "hit me",
  "hits me",
  "beat me",
  "beats me",
  "not safe",
  "unsafe",
  "domestic violence",
  "rape*",
  "sexual assault*",
];

// Lower case, accents and apostrophes dropped, anything else between words a space:
// the same for what is typed and for the list.
function words(text) {
  return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/['\u2019]/g, "")
    .split(/[^a-z0-9*]+/).filter(Boolean);
}

const PATTERNS = CRISIS_WORDS.map(words);

// Whether the text contains any of the words or phrases above.
export function suggestsCrisis(text) {
  const typed = words(text.replace(/\*/g, " "));
  return PATTERNS.some(pattern => typed.some((_, start) => pattern.every((part, i) => {
    const word = typed[start + i];
    return word !== undefined && (part.endsWith("*") ? word.startsWith(part.slice(0, -1)) : word === part);
  })));
}
