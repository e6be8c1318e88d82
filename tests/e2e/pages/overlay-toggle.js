// One second after load: the modal that was in the page all along is shown by a class, and the
// body stops scrolling (a class too). No element is inserted.
window.addEventListener("load", function () {
  setTimeout(function () {
    document.getElementById("signup").classList.add("is-open");
    document.getElementById("backdrop").classList.add("is-open");
    document.body.classList.add("modal-open");
    document.documentElement.dataset.modal = "shown";
  }, 1000);
});

// A gallery the reader opens: a fixed lightbox shown by a class, on a click.
document.addEventListener("click", function (e) {
  if (e.target.id === "open-gallery") document.getElementById("lightbox").classList.add("is-open");
  if (e.target.id === "close-gallery") document.getElementById("lightbox").classList.remove("is-open");
});
