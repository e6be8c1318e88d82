// One second after load: a sign-up modal with a backdrop, and a scroll lock on the body.
window.addEventListener("load", function () {
  setTimeout(function () {
    var back = document.createElement("div");
    back.className = "backdrop";
    back.id = "backdrop";
    var modal = document.createElement("div");
    modal.className = "signup";
    modal.id = "signup";
    modal.setAttribute("role", "dialog");
    modal.innerHTML = '<h2>Don’t miss a story</h2><p>Get our best journalism in your inbox every morning.</p><form><input type="email" name="email" placeholder="Your email"><button>Sign up</button></form>';
    document.body.append(back, modal);
    document.body.classList.add("no-scroll");
    document.documentElement.dataset.modal = "shown";
  }, 1000);
});
