// The page's own button fetches the comment thread (slowly: it renders THREAD_MS after the
// click, longer than the moment in which a box the reader opens counts as theirs) and adds it
// below the story, with an ad slot the comment service puts in it.
var THREAD_MS = 3000;
document.addEventListener("click", function (e) {
  if (e.target.id !== "open-thread") return;
  setTimeout(function () {
    var reply = function (k) {
      return '<li class="comment" id="comment-' + k + '"><p>Reader ' + k + " wrote a long reply to the story, with sentences, commas and an opinion that runs on for a while.</p></li>";
    };
    var thread = document.createElement("section");
    thread.className = "comments-area";
    thread.id = "asked-thread";
    thread.innerHTML = "<h3>4 Comments</h3>" +
      '<div class="ad-slot" id="thread-ad"><span class="ad-label">Advertisement</span><div id="div-gpt-ad-c1" style="min-height:250px"></div></div>' +
      '<ol class="comment-list">' + [1, 2, 3, 4].map(reply).join("") + "</ol>";
    document.getElementById("thread-anchor").appendChild(thread);
  }, THREAD_MS);
});
