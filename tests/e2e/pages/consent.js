// The banner's "Accept all" removes the banner, and the scripts it let load show a sign-up
// pop-up right away (a modal and its backdrop, shown by a class). The "Search" button of a
// floating tool box (fixed) opens a panel over the page: the box stays, and the panel is the
// reader's.
document.addEventListener("click", function (e) {
  if (e.target.id === "accept") {
    document.getElementById("cookie-banner").remove();
    setTimeout(function () {
      document.getElementById("signup").classList.add("is-open");
      document.getElementById("backdrop").classList.add("is-open");
      document.documentElement.dataset.modal = "shown";
    }, 300);
  }
  if (e.target.id === "search-button") document.getElementById("search-panel").classList.add("is-open");
});
