// Once the page has scrolled past the header, the header is made fixed by a class (and back in
// the flow when the reader scrolls up to the top).
window.addEventListener("scroll", function () {
  var stuck = window.scrollY > 150;
  document.getElementById("masthead").classList.toggle("is-stuck", stuck);
  document.documentElement.dataset.stuck = stuck ? "1" : "0";
}, { passive: true });
