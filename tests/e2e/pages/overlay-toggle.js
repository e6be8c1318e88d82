// One second after load: the modal that was in the page all along is shown by a class, and the
// body stops scrolling (a class too). No element is inserted.
window.addEventListener("load", function () {
  // `?quiet`: no modal of the page's own; only what the reader opens.
  if (location.search.includes("quiet")) return;
  // `?first-input`: the pop-up's script waits for the reader's first interaction, whatever it
  // is (as pages that delay their scripts until then do), and shows the modal right after.
  if (location.search.includes("first-input")) {
    var shown = false;
    var show = function () {
      if (shown) return;
      shown = true;
      setTimeout(function () {
        document.getElementById("signup").classList.add("is-open");
        document.getElementById("backdrop").classList.add("is-open");
        document.documentElement.dataset.modal = "shown";
      }, 100);
    };
    ["pointerdown", "keydown", "touchstart", "wheel"].forEach(function (t) {
      document.addEventListener(t, show, { passive: true });
    });
    return;
  }
  // `?animated`: the modal first shows in the flow and moves by style for a while (frame after
  // frame), and only then becomes a fixed box, by its inline style too.
  if (location.search.includes("animated")) {
    var modal = document.getElementById("signup");
    setTimeout(function () {
      modal.style.display = "block";
      modal.style.position = "static";
      var t0 = performance.now();
      requestAnimationFrame(function frame(t) {
        modal.style.transform = "translateY(" + Math.round((t - t0) / 10) % 40 + "px)";
        if (t - t0 < 1500) return requestAnimationFrame(frame);
        modal.style.transform = "translateX(-50%)";
        modal.style.position = "fixed";
        document.getElementById("backdrop").classList.add("is-open");
        // (No scroll lock: a class on the body would have every box child looked at anyway.)
        document.documentElement.dataset.modal = "shown";
        document.documentElement.dataset.locked = "1";
      });
    }, 300);
    return;
  }
  setTimeout(function () {
    // `?body-class`: the modal shows by a class on the body alone (a stylesheet rule does it).
    if (location.search.includes("body-class")) {
      document.body.classList.add("show-signup");
    } else {
      document.getElementById("signup").classList.add("is-open");
      document.getElementById("backdrop").classList.add("is-open");
    }
    document.documentElement.dataset.modal = "shown";
    // `?late-lock`: the body stops scrolling only after the modal's opening animation.
    // `&style-lock`: by the body's inline style, as many modal scripts do.
    if (location.search.includes("late-lock")) {
      setTimeout(function () {
        if (location.search.includes("style-lock")) document.body.style.overflow = "hidden";
        else document.body.classList.add("modal-open");
        document.documentElement.dataset.locked = "1";
      }, 600);
    } else {
      document.body.classList.add("modal-open");
      document.documentElement.dataset.locked = "1";
    }
  }, 1000);
});

// A web component whose button (inside its shadow root) opens the gallery.
customElements.define("gallery-opener", class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.attachShadow({ mode: "open" }).innerHTML = '<button id="inner">Open from the component</button>';
    this.shadowRoot.getElementById("inner").addEventListener("click", openPhoto);
  }
});

// A gallery the reader opens: a fixed lightbox shown by a class, on a click.
document.addEventListener("click", function (e) {
  if (e.target.id === "open-gallery") document.getElementById("lightbox").classList.add("is-open");
  if (e.target.id === "close-gallery") document.getElementById("lightbox").classList.remove("is-open");
  // Lightbox libraries often build their box on the click and append it to the body.
  if (e.target.id === "open-photo" || e.target.id === "zoom-photo") openPhoto();
  if (e.target.id === "close-photo") document.getElementById("photo-box").remove();
});

// Lightbox libraries often build their box on the click and append it to the body.
function openPhoto() {
  var box = document.createElement("div");
  box.className = "lightbox is-open";
  box.id = "photo-box";
  box.setAttribute("role", "dialog");
  box.setAttribute("aria-modal", "true");
  box.innerHTML = '<img alt="The photo, large"><button id="close-photo">Close</button>';
  document.body.appendChild(box);
  // Once its picture has loaded (later than the click), the box changes class.
  setTimeout(function () {
    box.classList.add("is-loaded");
    document.documentElement.dataset.photoLoaded = "1";
  }, 1800);
}
