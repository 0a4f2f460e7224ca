/* The timeline: Play steps the date range through the months, one month a step, through the
   same filter path as the date sliders; the histogram marks the current month. The reader
   chooses what a step shows (a window of months ending at it, or everything up to it) and
   how many steps a second. Pause, or touching the sliders, leaves the view where it is. */

const PLAY_MODES = [["1", "The month alone"], ["3", "3 months up to it"], ["12", "12 months up to it"],
  ["all", "Everything up to it"]];
const PLAY_SPEEDS = [["1", "1 month a second"], ["2", "2 months a second"], ["5", "5 months a second"],
  ["10", "10 months a second"]];

const timeline = { playing: false, cursor: -1, timer: 0 };
window.timelineSteps = [];  // performance.now() at the end of each step: the pace, measurable

function labelled(text, control) {
  return el("label", { className: "timeline-option" }, [el("span", { text: text }), control]);
}

function options(id, choices, chosen) {
  const select = el("select", { id: id });
  for (const [value, text] of choices) select.append(el("option", { value: value, text: text, selected: value === chosen }));
  return select;
}

function buildTimeline() {
  const button = el("button", { id: "play", className: "button play", type: "button", text: "▶ Play",
    onclick: () => (timeline.playing ? stopTimeline() : playTimeline()) });
  $("date-section").append(el("div", { id: "timeline", className: "timeline" }, [
    button,
    labelled("Show", options("play-mode", PLAY_MODES, "all")),
    labelled("Speed", options("play-speed", PLAY_SPEEDS, "2")),
  ]));
  for (const id of ["date-from", "date-to"]) $(id).addEventListener("input", () => { stopTimeline(); markMonth(-1); });
  fitTimeline();
}

/* A timeline needs two months at least. */
function fitTimeline() {
  $("timeline").hidden = months.length < 2;
}

/* The range one step shows when the current month is `cursor`. */
function stepRange(cursor) {
  const mode = $("play-mode").value;
  return [mode === "all" ? 0 : Math.max(0, cursor - Number(mode) + 1), cursor];
}

function markMonth(index) {
  const bars = $("histogram").children;
  for (let i = 0; i < bars.length; i++) bars[i].classList.toggle("current", i === index);
}

function playTimeline() {
  // go on from the range's end, or start again from the first month once at the last
  timeline.cursor = state.to >= months.length - 1 ? -1 : state.to;
  timeline.playing = true;
  window.timelineSteps = [];
  $("play").textContent = "❚❚ Pause";
  stepTimeline();
}

function stopTimeline() {
  if (!timeline.playing) return;
  timeline.playing = false;
  clearTimeout(timeline.timer);
  $("play").textContent = "▶ Play";
}

/* One month on; the next step is due a step's time after this one began, so the pace holds
   as long as a step is cheaper than its interval. */
function stepTimeline() {
  if (!timeline.playing) return;
  const began = performance.now();
  timeline.cursor += 1;
  [state.from, state.to] = stepRange(timeline.cursor);
  syncDateInputs();
  apply();
  markMonth(timeline.cursor);
  window.timelineSteps.push(performance.now());
  if (timeline.cursor >= months.length - 1) {
    stopTimeline();
    recordView(false);  // the last month stays in the address, as a pause would leave it
    return;
  }
  const interval = 1000 / Number($("play-speed").value);
  timeline.timer = setTimeout(stepTimeline, Math.max(0, interval - (performance.now() - began)));
}
