// A forum's "load more": the next replies arrive in a container of their own, after the block
// the first page of them is in (the clean's article), with an ad among them
// (`window.loadMore()`).
window.loadMore = function () {
  var more = document.createElement("div");
  more.className = "comment-list";
  more.id = "more";
  var html = "";
  for (var k = 4; k <= 6; k++) {
    html += '<div class="comment" id="comment-' + k + '"><b class="author">Member ' + k + '</b><p>Reply ' + k + ' of the thread, loaded on demand, adds what its author found after trying the advice above, with enough words to read as a reply.</p></div>';
  }
  html += '<div class="ad-slot" id="more-ad"><span class="ad-label">Advertisement</span><div id="div-gpt-ad-more" style="min-height:250px"></div></div>';
  more.innerHTML = html;
  document.querySelector("main").after(more);
  document.documentElement.dataset.more = "1";
};
