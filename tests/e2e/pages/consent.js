// The banner's "Accept all" removes the banner, and the scripts it let load show a sign-up
// pop-up right away (a modal and its backdrop, shown by a class). A floating box's "Search"
// opens a panel over the page (the box stays), and another's "Tell me more" makes way for a
// sign-up form (the box goes): both are the reader's. With each of those two an ad slot
// arrives too, so the test knows a late pass has looked.
function slot(id) {
  var s = document.createElement("div");
  s.className = "ad-slot";
  s.id = id;
  s.innerHTML = '<span class="ad-label">Advertisement</span><div id="div-gpt-ad-' + id + '" style="min-height:250px"></div>';
  document.getElementById("slots").appendChild(s);
}
document.addEventListener("click", function (e) {
  if (e.target.id === "banner-yes") {
    document.getElementById("cookie-banner").remove();
    setTimeout(function () {
      document.getElementById("signup").classList.add("is-open");
      document.getElementById("backdrop").classList.add("is-open");
      document.documentElement.dataset.modal = "shown";
    }, 300);
  }
  if (e.target.id === "search-button") {
    document.getElementById("search-panel").classList.add("is-open");
    slot("search-ad");
  }
  if (e.target.id === "more-button") {
    document.getElementById("corner").remove();
    document.getElementById("letter-form").classList.add("is-open");
    slot("letter-ad");
  }
});
