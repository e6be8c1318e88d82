// Once the page has scrolled past the header, the header is made fixed by a class (and back in
// the flow when the reader scrolls up to the top); further down, the article's video and its
// embedded player float in a corner of the window (a class too), as news sites' players do.
window.addEventListener("scroll", function () {
  var stuck = window.scrollY > 150;
  document.getElementById("masthead").classList.toggle("is-stuck", stuck);
  var floating = window.scrollY > 700;
  document.getElementById("video").classList.toggle("is-floating", floating);
  document.getElementById("yt").classList.toggle("is-floating", floating);
  document.documentElement.dataset.stuck = stuck ? (floating ? "2" : "1") : "0";
}, { passive: true });
