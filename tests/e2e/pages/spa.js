// Client-side navigation: the story element is replaced by the next story, the address changes
// through the history API (as React or Vue routers do). `window.nextStory(mode)`: "replace"
// swaps the whole <article>, "inner" keeps the element and swaps what is inside it.
window.nextStory = function (mode) {
  var html =
    '<h1>The second story arrives without a page load</h1>' +
    '<p class="byline">By A. Reporter</p>' +
    '<p id="s2-p1">The second story is rendered by the application after the reader clicked its headline. Its paragraphs, its picture and its table are the article now, and none of them may be hidden because the page was cleaned before they came.</p>' +
    '<figure id="s2-fig"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="600" height="300" alt="A chart"><figcaption>The caption of the second story\'s chart explains what it shows.</figcaption></figure>' +
    '<p id="s2-p2">A second paragraph carries on with the story, long enough and with enough commas, clauses and detail to read as the body of an article rather than as a teaser or a caption.</p>' +
    '<div class="ad-slot" id="s2-ad"><span class="ad-label">Advertisement</span><div id="div-gpt-ad-second" style="min-height:250px"></div></div>' +
    '<table id="s2-table"><tr><th>Year</th><th>Readers</th></tr><tr><td>2025</td><td>1,200</td></tr><tr><td>2026</td><td>3,400</td></tr></table>' +
    '<p id="s2-p3">A third paragraph closes the second story, again with full sentences, so that the article has a body worth reading and nothing about it looks like clutter.</p>' +
    '<aside class="related-articles" id="s2-related"><h3>Related Articles</h3><ul><li><a href="/r/1">One related story</a></li><li><a href="/r/2">Another related story</a></li><li><a href="/r/3">A third related story</a></li></ul></aside>';
  var old = document.querySelector("#app article");
  if (mode === "inner") {
    old.innerHTML = html;
  } else {
    var next = document.createElement("article");
    next.className = "story";
    next.innerHTML = html;
    old.replaceWith(next);
  }
  history.pushState({}, "", "/spa-second-story.html");
  document.title = "The second story";
  document.documentElement.dataset.story = "2";
};

// forum.html: the next page is a thread (as a forum or an issue tracker renders it): the
// article element is replaced by a page of replies, each named as a comment (`keep`: hidden,
// and the thread added beside it). They are its article.
window.nextThread = function (keep) {
  var reply = function (k) {
    return '<div class="comment" id="comment-' + k + '"><b class="author">Member ' + k + '</b><p>Reply ' + k + ' of the thread explains, at some length and with commas, what its author tried, what happened, and what they would suggest to the others who read it.</p></div>';
  };
  var thread = document.createElement("section");
  thread.className = "comments thread";
  thread.id = "thread";
  thread.innerHTML = '<h2>Why does my build fail on a fresh machine?</h2>' + [1, 2, 3, 4, 5].map(reply).join("") +
    '<div class="ad-slot" id="thread-ad"><span class="ad-label">Advertisement</span><div id="div-gpt-ad-thread" style="min-height:250px"></div></div>';
  var old = document.querySelector("#app article");
  if (keep) {
    // A router that keeps the last view alive, hidden, and adds the next one beside it.
    old.hidden = true;
    old.after(thread);
  } else old.replaceWith(thread);
  history.pushState({}, "", "/spa-thread.html");
  document.documentElement.dataset.story = "thread";
};
