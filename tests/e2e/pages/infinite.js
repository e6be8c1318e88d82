// The next story, appended below the first one (as endless news pages do), on demand:
// `window.appendStory()`.
window.appendStory = function () {
  var story = document.createElement("article");
  story.className = "story";
  story.id = "story-2";
  story.innerHTML =
    '<h2>The second story, appended below the first</h2>' +
    '<p id="s2-p1">This story arrived while the reader scrolled. It is a whole article with its own paragraphs, and every one of them must stay on screen, even though the page was cleaned before it came.</p>' +
    '<blockquote id="s2-quote"><p>A quotation inside the appended story belongs to it as much as its paragraphs do.</p></blockquote>' +
    '<div class="ad-slot" id="s2-ad"><span class="ad-label">Advertisement</span><div id="div-gpt-ad-s2" style="min-height:250px"></div></div>' +
    '<p id="s2-p2">A second paragraph of the appended story continues with full sentences, commas and clauses, long enough to be read as the body of an article and not as an excerpt.</p>' +
    '<pre id="s2-code"><code>let total = items.map(price).sum();</code></pre>' +
    '<p id="s2-p3">The last paragraph of the appended story closes it, again with enough text to read as prose.</p>' +
    '<aside class="related-links" id="s2-related"><h3>More from this section</h3><ul><li><a href="/m/1">First linked story</a></li><li><a href="/m/2">Second linked story</a></li><li><a href="/m/3">Third linked story</a></li></ul></aside>';
  document.getElementById("stories").appendChild(story);
  document.documentElement.dataset.appended = "1";
};
