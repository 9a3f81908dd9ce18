/// The player for a training film: the current frame, a slider with one position per
/// frame, a play/pause button, and the frame's step and loss. Plain inline JavaScript, so
/// it works from `file://`; without JavaScript, and in print, the filmstrip shows instead.
///
/// The URL fragment chooses frames: `#film-0=5` shows the frame at index 5 (counting from
/// 0) of the page's first film and scrolls to it; `#film-0=5&film-1=2` sets two films.
enum FilmPlayer {
    static func markup(_ film: ExperimentDocument.Film, index: Int) -> String {
        let first = film.frames[0]
        let title = HTML.escape(film.title)
        let label = HTML.escape(film.lossLabel)
        var html = """
        <div class="player" data-film-index="\(index)" data-title="\(title)" data-loss-label="\(label)">
        <div class="screen"><img class="frame" src="\(HTML.path(first.file))" alt="\(title): step \(step(first)), \(label) \(HTML.escape(NumberFormat.automatic.format(first.loss)))"></div>
        <div class="controls">
        <button type="button" class="play" aria-label="Play" aria-pressed="false" title="Play / pause">\
        <svg class="icon-play" viewBox="0 0 16 16" aria-hidden="true"><path d="M4 2.5v11l9-5.5z"/></svg>\
        <svg class="icon-pause" viewBox="0 0 16 16" aria-hidden="true"><path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z"/></svg></button>
        <input type="range" class="scrub" min="0" max="\(film.frames.count - 1)" step="1" value="0" aria-label="Frame of \(title)">
        <output class="readout" aria-live="polite"><span class="step"></span><span class="loss"></span><span class="count"></span></output>
        </div>
        <ol class="frames" hidden>

        """
        for frame in film.frames {
            let loss = HTML.escape(NumberFormat.automatic.format(frame.loss))
            html += "<li data-src=\"\(HTML.path(frame.file))\" data-step=\"\(step(frame))\" data-loss=\"\(loss)\">step \(step(frame)): \(label) \(loss)</li>\n"
        }
        html += """
        </ol>
        <p class="film-note">\(film.frames.count) frames from step \(step(first)) to \(step(film.frames.last!)). \
        Arrow keys on the slider step through them. <a href="\(HTML.path(film.filmstrip))">All frames as one image</a>.</p>
        </div>
        <img class="filmstrip" src="\(HTML.path(film.filmstrip))" alt="\(title): all \(film.frames.count) frames">

        """
        return html
    }

    private static func step(_ frame: ExperimentDocument.Frame) -> String { NumberFormat.grouped(String(frame.step)) }

    /// Driven by the markup above; any number of players per page.
    static let script = #"""
    (function () {
      "use strict";
      var FRAME_MILLISECONDS = 650;
      document.documentElement.classList.remove("no-js");
      document.documentElement.classList.add("js");
      var players = {};

      function Player(root) {
        var frames = Array.prototype.map.call(root.querySelectorAll(".frames li"), function (li) {
          return { src: li.getAttribute("data-src"), step: li.getAttribute("data-step"), loss: li.getAttribute("data-loss") };
        });
        var image = root.querySelector("img.frame");
        var slider = root.querySelector("input.scrub");
        var button = root.querySelector("button.play");
        var stepText = root.querySelector(".readout .step");
        var lossText = root.querySelector(".readout .loss");
        var countText = root.querySelector(".readout .count");
        var title = root.getAttribute("data-title");
        var lossLabel = root.getAttribute("data-loss-label");
        var current = 0;
        var timer = null;

        // Load every frame now, so that playing never waits for an image.
        frames.forEach(function (frame) { new Image().src = frame.src; });

        function show(index) {
          current = Math.max(0, Math.min(frames.length - 1, index));
          var frame = frames[current];
          if (image.getAttribute("src") !== frame.src) { image.setAttribute("src", frame.src); }
          var description = "step " + frame.step + ", " + lossLabel + " " + frame.loss;
          image.setAttribute("alt", title + ": " + description);
          slider.value = String(current);
          slider.setAttribute("aria-valuetext", "frame " + (current + 1) + " of " + frames.length + ": " + description);
          stepText.textContent = "step " + frame.step;
          lossText.textContent = lossLabel + " " + frame.loss;
          countText.textContent = (current + 1) + " / " + frames.length;
        }

        function pause() {
          if (timer !== null) { clearInterval(timer); timer = null; }
          root.classList.remove("playing");
          button.setAttribute("aria-pressed", "false");
          button.setAttribute("aria-label", "Play");
        }

        function play() {
          if (current >= frames.length - 1) { show(0); }
          root.classList.add("playing");
          button.setAttribute("aria-pressed", "true");
          button.setAttribute("aria-label", "Pause");
          timer = setInterval(function () {
            if (current >= frames.length - 1) { pause(); } else { show(current + 1); }
          }, FRAME_MILLISECONDS);
        }

        button.addEventListener("click", function () { if (timer === null) { play(); } else { pause(); } });
        slider.addEventListener("input", function () { pause(); show(Number(slider.value)); });
        show(0);
        return { show: show, pause: pause, figure: root.parentNode };
      }

      Array.prototype.forEach.call(document.querySelectorAll(".player"), function (root) {
        players[root.getAttribute("data-film-index")] = new Player(root);
      });

      // "#film-0=5&film-1=2": frame 5 of the first film, frame 2 of the second.
      function showFramesNamedInFragment() {
        var fragment = decodeURIComponent(window.location.hash.replace(/^#/, ""));
        var scrolled = false;
        fragment.split("&").forEach(function (part) {
          var match = /^film-(\d+)=(\d+)$/.exec(part);
          var player = match && players[match[1]];
          if (!player) { return; }
          player.pause();
          player.show(Number(match[2]));
          if (!scrolled) { player.figure.scrollIntoView({ block: "start" }); scrolled = true; }
        });
      }
      showFramesNamedInFragment();
      window.addEventListener("hashchange", showFramesNamedInFragment);
    })();
    """#
}
