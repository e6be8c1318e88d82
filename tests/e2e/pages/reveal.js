// Blocks that were in the page hidden from the start (an ad slot by its inline style, a
// newsletter box by the hidden attribute, a fixed sign-up modal, the article's last part), and
// a slot that a script inserts hidden: the test calls insertSlot() and then revealAll() once the
// page is cleaned, so what it checks is the late path, whatever the clean's timing.
// The page's own button that shows a sign-up form: what the reader opens is theirs.
document.addEventListener("click", function (e) {
  if (e.target.id === "open-letter") document.getElementById("letter").style.display = "block";
});
// A menu's drop-down, shown while the pointer is on its link (no click).
document.addEventListener("mouseover", function (e) {
  if (e.target.id === "menu-trigger") document.getElementById("dropdown").style.display = "block";
});
window.insertSlot = function () {
  var slot = document.createElement("div");
  slot.className = "ad-box";
  slot.id = "ad-late";
  slot.style.display = "none";
  slot.innerHTML = '<span class="ad-label">Sponsored</span><ins class="adsbygoogle" style="display:block;height:250px" data-ad-client="ca-pub-1" data-ad-slot="7"></ins>';
  document.getElementById("late-slot-anchor").appendChild(slot);
};
window.revealAll = function () {
  document.getElementById("ad-inline").style.display = "";
  document.getElementById("signup").hidden = false;
  document.getElementById("more").style.display = "block";
  document.getElementById("ad-late").removeAttribute("style");
  document.getElementById("nl-modal").style.display = "block";
};
