// Injects an ad slot 500 ms after load, the way ad scripts do.
window.addEventListener("load", function () {
  setTimeout(function () {
    var slot = document.createElement("div");
    slot.className = "ad-slot ad-slot--inline";
    slot.id = "late-ad";
    slot.style.minHeight = "250px";
    slot.innerHTML = '<div class="ad-label">Advertisement</div><ins class="adsbygoogle" style="display:block;height:250px" data-ad-client="ca-pub-1" data-ad-slot="42"></ins>';
    document.getElementById("anchor").after(slot);
    document.documentElement.dataset.lateAd = "inserted";
  }, 500);
});
