// Runs during parsing (a blocking script right after the slots): records what the reader would
// see at this moment.
document.documentElement.dataset.earlyIns = getComputedStyle(document.getElementById("early-ins")).display;
document.documentElement.dataset.earlyGpt = getComputedStyle(document.getElementById("div-gpt-ad-early-1")).display;
document.documentElement.dataset.earlyState = document.readyState;
