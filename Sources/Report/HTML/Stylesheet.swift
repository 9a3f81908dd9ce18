/// The pages' one style sheet, inlined in each page so nothing is fetched. Screen: a
/// reading column with full-width figures; print: no navigation, no player (its filmstrip
/// instead), nothing split across pages that should stay together.
enum Stylesheet {
    static let css = """
    :root {
      --text: #1d232a; --muted: #5b6672; --faint: #8a949e; --rule: #d9dee4; --soft: #f4f6f8;
      --accent: #1f5fbf; --accent-soft: #e8f0fb; --error: #9b1c1c; --error-soft: #fdf0f0;
      --sans: "Helvetica Neue", "Liberation Sans", "DejaVu Sans", Arial, system-ui, sans-serif;
      --mono: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace;
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--text); background: #fff; font: 16px/1.6 var(--sans); }
    a { color: var(--accent); text-decoration: none; }
    a:hover { text-decoration: underline; }
    a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #7aa7e8; outline-offset: 2px; border-radius: 3px; }
    code, pre, .value, .readout { font-family: var(--mono); font-size: 0.88em; }
    code { background: var(--soft); padding: 0.05em 0.3em; border-radius: 3px; }

    .topbar { position: sticky; top: 0; z-index: 2; display: flex; gap: 0.75rem; align-items: baseline; padding: 0.55rem max(1.25rem, calc((100% - 1040px) / 2 + 1.25rem)); background: rgba(255,255,255,0.96); border-bottom: 1px solid var(--rule); font-size: 0.9rem; }
    .topbar .brand { font-weight: 700; color: var(--text); }
    .topbar .brand span { font-weight: 400; color: var(--muted); }
    .topbar .crumb { color: var(--muted); }
    .topbar .crumb::before { content: "/"; margin-right: 0.75rem; color: var(--faint); }

    main { max-width: 1040px; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
    .doc-header { margin-bottom: 2.25rem; }
    .kicker { color: var(--accent); font-size: 0.8rem; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; }
    .kicker em { font-style: normal; }
    .kicker p { margin: 0; }
    h1 { font-size: 2.1rem; line-height: 1.2; margin: 0.25rem 0 0.6rem; letter-spacing: -0.01em; }
    h2 { font-size: 1.35rem; margin: 0 0 0.9rem; padding-bottom: 0.35rem; border-bottom: 1px solid var(--rule); }
    h3 { font-size: 0.8rem; margin: 1.5rem 0 0.5rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.06em; }
    .lede { font-size: 1.15rem; line-height: 1.55; color: #3d4751; max-width: 46em; margin: 0 0 0.9rem; }
    .headline { display: inline-block; margin: 0 0 0.8rem; padding: 0.35rem 0.8rem; background: var(--accent-soft); border-radius: 4px; font-weight: 600; }
    .headline span { color: var(--accent); font-size: 0.75rem; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; margin-right: 0.4rem; }
    .ran-on { margin: 0; color: var(--muted); font-size: 0.85rem; }
    .page-nav { display: flex; flex-wrap: wrap; gap: 0.35rem 1.2rem; margin-top: 1rem; padding-top: 0.7rem; border-top: 1px solid var(--rule); font-size: 0.88rem; }

    .doc-section { margin: 0 0 2.5rem; counter-increment: section; }
    .doc-section h2::before { content: counter(section); display: inline-block; min-width: 1.6em; color: var(--faint); font-weight: 400; }
    main { counter-reset: section; }
    .prose { font-size: 1.03rem; line-height: 1.65; max-width: 46em; }
    .prose p { margin: 0 0 0.8rem; }
    .prose ul, .prose ol { margin: 0 0 0.8rem; padding-left: 1.4rem; }
    .conclusion { border-left: 4px solid var(--accent); padding: 0.2rem 0 0.2rem 1.1rem; }

    table { border-collapse: collapse; font-size: 0.93rem; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.4rem 0.9rem 0.4rem 0; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); }
    thead th { border-bottom: 2px solid var(--text); font-weight: 600; vertical-align: bottom; }
    tbody th { font-weight: 500; }
    .num { text-align: right; }
    th.num, td.num { padding-left: 1.2rem; }
    .unit { color: var(--muted); font-weight: 400; }
    table caption { caption-side: top; text-align: left; font-weight: 600; margin-bottom: 0.45rem; }
    .label { font-weight: 700; margin-right: 0.2rem; }
    pre.architecture { background: var(--soft); border: 1px solid var(--rule); border-radius: 4px; padding: 0.8rem 1rem; overflow-x: auto; line-height: 1.45; margin: 0; }
    .params { min-width: 24rem; }
    .params td.value-cell { text-align: left; padding-left: 0; }

    figure { margin: 0 0 2rem; }
    figure.result { overflow-x: auto; }
    figure.result figcaption, .figure figcaption, .film figcaption { color: #3d4751; font-size: 0.92rem; line-height: 1.5; max-width: 52em; margin-top: 0.55rem; }
    .figure img, .film img.frame, .film img.filmstrip { display: block; max-width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; background: #fff; }
    .figure a.zoom { display: inline-block; }

    .player { width: fit-content; max-width: 100%; }
    .player .controls { width: 100%; }
    .screen { display: inline-block; max-width: 100%; }
    .controls { display: flex; align-items: center; gap: 0.9rem; margin-top: 0.6rem; max-width: 100%; }
    .play { flex: none; width: 2.4rem; height: 2.4rem; border-radius: 50%; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; display: grid; place-items: center; padding: 0; }
    .play:hover { background: #184d9c; }
    .play svg { width: 1rem; height: 1rem; fill: currentColor; }
    .play .icon-pause, .playing .play .icon-play { display: none; }
    .playing .play .icon-pause { display: block; }
    .scrub { flex: 1; min-width: 8rem; accent-color: var(--accent); }
    .readout { flex: none; display: flex; gap: 0.9rem; color: var(--muted); white-space: nowrap; }
    .readout .step { color: var(--text); font-weight: 600; }
    .film-note { margin: 0.35rem 0 0; color: var(--faint); font-size: 0.82rem; }
    .film img.filmstrip { display: none; }
    .no-js .film .player { display: none; }
    .no-js .film img.filmstrip { display: block; }

    details.raw { margin-top: 3rem; border: 1px solid var(--rule); border-radius: 6px; padding: 0.7rem 1rem; background: #fbfcfd; }
    details.raw summary { cursor: pointer; font-weight: 600; }
    details.raw .count { color: var(--muted); font-weight: 400; margin-left: 0.5rem; font-size: 0.88rem; }
    details.raw table { margin-top: 0.8rem; font-size: 0.85rem; }
    details.raw td { padding-top: 0.2rem; padding-bottom: 0.2rem; }
    .value { word-break: break-word; }

    .error { background: var(--error-soft); border: 1px solid #e7b4b4; border-left: 4px solid var(--error); color: var(--error); padding: 0.7rem 1rem; border-radius: 4px; margin: 1rem 0; }

    table.toc { width: 100%; font-size: 0.97rem; }
    .toc th, .toc td { padding: 0.75rem 1.2rem 0.75rem 0; }
    .toc tbody th a { font-weight: 600; font-size: 1.02rem; }
    .toc-id { color: var(--faint); font: 0.8rem var(--mono); margin-top: 0.1rem; }
    .toc-notebook { color: var(--muted); width: 22%; }
    .toc-summary { color: var(--muted); font-size: 0.88rem; line-height: 1.45; margin-top: 0.3rem; max-width: 38em; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
    .toc-headline { font-weight: 600; width: 26%; }
    .toc-error, .toc-warning { color: var(--error); font-weight: 400; }
    .toc-warning { font-size: 0.85rem; }

    .page-footer { max-width: calc(1040px - 2.5rem); margin: 0 max(1.25rem, calc((100% - 1040px) / 2 + 1.25rem)); padding: 1.2rem 0 2.5rem; color: var(--faint); font-size: 0.8rem; border-top: 1px solid var(--rule); }

    @media (max-width: 640px) {
      h1 { font-size: 1.6rem; }
      .controls { flex-wrap: wrap; }
      .readout { width: 100%; }
    }

    @media print {
      @page { margin: 16mm 14mm; }
      body { font-size: 10.5pt; }
      .topbar, .page-nav, .page-footer, .film .player, details.raw, a.zoom::after { display: none !important; }
      main { max-width: none; padding: 0; }
      a { color: inherit; }
      .film img.filmstrip { display: block !important; }
      figure, table, pre, .conclusion, .params, tr { break-inside: avoid; page-break-inside: avoid; }
      h2, h3, caption { break-after: avoid; page-break-after: avoid; }
      .doc-section { margin-bottom: 1.2rem; }
      .figure img { max-height: 12cm; width: auto; max-width: 100%; }
      .film img.filmstrip { max-height: 20cm; width: auto; max-width: 100%; }
      .headline { background: none; border: 1px solid var(--rule); }
    }
    """
}
