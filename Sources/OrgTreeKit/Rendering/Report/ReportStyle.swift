/// The report's style sheet, written into every page (no file or network fetched, so a
/// page also reads on its own): role colours, the matrix, and a print layout without
/// the navigation and the filter, where colours are kept and rows are not split.
enum ReportStyle {
    static let css = """
        body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff}
        header,main,footer{padding:.5rem 1.25rem}header{background:#eef1f5;border-bottom:1px solid #ccd3dc}
        nav a{margin-right:1rem}a{color:#0b57a4}a:focus,input:focus,select:focus{outline:3px solid #f0a400;outline-offset:1px}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem}
        table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #ccd3dc;padding:.2rem .45rem;text-align:left;vertical-align:top}
        thead th{background:#eef1f5;position:sticky;top:0}code{font-size:.9em}ol.chain{margin:.1rem 0;padding-left:1.4rem}
        .r-owner{background:#c9dcf5}.r-editor{background:#d3efd7}.r-reader{background:#fbf0c4}
        .r-template-editor{background:#e6dcf4}.r-template-reader{background:#f1e9f9}.r-token{background:#dcdcdc}
        .k-agency td[class^=r-]{background-image:repeating-linear-gradient(135deg,transparent 0 6px,#0001 6px 8px)}
        .tag{font-size:.75em;border:1px solid #8893a0;border-radius:.6em;padding:0 .35em;margin-left:.3em;white-space:nowrap}
        .error{color:#a1160a;font-weight:600}.warning{color:#8a5a00;font-weight:600}.ok{color:#146c2e;font-weight:600}
        .filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:.5rem 0}.filters label{display:block;font-size:.85em}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
        .matrix td.o{text-align:center}.matrix th.o{font-size:.72em;font-weight:600}.matrix tbody th{min-width:18rem;font-weight:normal}.members{font-size:.85em;max-width:28rem}.pages li{margin:.1rem 0}
        @media print{header,.filters,.skip,.pages{display:none}body{font-size:10pt}thead th{position:static}
        tr,li{break-inside:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit;text-decoration:none}}
        """
}
