// The page's own "Show comments" button fetches the comment thread (slowly: it renders
// THREAD_MS after the click, longer than the moment in which a box the reader opens counts as
// theirs) and adds it below the story, with an ad slot the comment service puts in it.
// `lazyThread()` adds another thread the way a page loads one by itself (on scroll): the test
// calls it after the reader answered the cookie banner ("Accept all" removes it), which asked
// for nothing.
var THREAD_MS = 3000;
function addThread(id, adId, who) {
  var reply = function (k) {
    return '<li class="comment" id="' + id + "-comment-" + k + '"><p>' + who + " " + k + " wrote a long reply to the story, with sentences, commas and an opinion that runs on for a while.</p></li>";
  };
  var thread = document.createElement("section");
  thread.className = "comments-area";
  thread.id = id;
  thread.innerHTML = "<h3>4 Comments</h3>" +
    '<div class="ad-slot" id="' + adId + '"><span class="ad-label">Advertisement</span><div id="div-gpt-ad-' + adId + '" style="min-height:250px"></div></div>' +
    '<ol class="comment-list">' + [1, 2, 3, 4].map(reply).join("") + "</ol>";
  document.getElementById("thread-anchor").appendChild(thread);
}
document.addEventListener("click", function (e) {
  if (e.target.id === "banner-yes") document.getElementById("cookie-banner").remove();
  if (e.target.id === "open-thread") setTimeout(function () { addThread("asked-thread", "thread-ad", "Reader"); }, THREAD_MS);
});
window.lazyThread = function () { addThread("lazy-thread", "lazy-ad", "Another reader"); };
