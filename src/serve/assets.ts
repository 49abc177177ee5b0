// The web app's one stylesheet and one script (served from /static, so the CSP needs no 'unsafe-inline'). The script
// only enhances: every page works without it.

export const APP_CSS = `
:root{--ok:#2e7d32;--bad:#c62828;--warn:#ef6c00;--muted:#5f6368;--line:#dadce0;--blue:#0b57d0;--bg:#f8f9fa}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:"Sarabun","Noto Sans Thai","Loma","Garuda","Tahoma","Leelawadee UI",sans-serif;margin:0;color:#202124;line-height:1.5;font-size:15px;background:#fff}
a{color:var(--blue)}
header.top{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:8px 16px;background:#1a3d6d;color:#fff}
header.top a{color:#fff;text-decoration:none}.brand{font-weight:700}
.nav{display:flex;gap:14px;flex:1}.who{display:flex;gap:8px;align-items:center;font-size:.9em}
.lang{border:1px solid #fff8;border-radius:4px;padding:0 8px}
button.link{background:none;border:none;color:#fff;text-decoration:underline;cursor:pointer;padding:0;font:inherit}
main{max-width:1200px;margin:0 auto;padding:12px 16px 32px;overflow-wrap:anywhere}
footer.foot{max-width:1200px;margin:0 auto;padding:12px 16px;color:var(--muted);font-size:.85em;border-top:1px solid var(--line)}
h1{font-size:1.45em;margin:.3em 0}h2{font-size:1.15em;margin:1.2em 0 .5em;border-bottom:2px solid var(--line);padding-bottom:3px}h3{font-size:1em;margin:.8em 0 .3em}h4{margin:.6em 0 .2em;font-size:.95em}
.m{color:var(--muted);font-size:.9em}.url{word-break:break-all}
.pass{color:var(--ok)}.fail{color:var(--bad)}.review{color:var(--warn)}.error{color:var(--bad)}
.num{text-align:right;white-space:nowrap}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:6px;vertical-align:top;text-align:left}th{background:#f1f3f4;font-weight:600}
th a{color:inherit;text-decoration:none}th a[aria-current]{text-decoration:underline}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.82em;color:#fff;white-space:nowrap;background:#777}
.b-pass,.b-audited{background:var(--ok)}.b-fail,.b-failed,.b-unreachable,.b-lapsed{background:var(--bad)}.b-review,.b-budget-hit{background:var(--warn)}.b-error{background:#6a1b9a}.b-running{background:var(--blue)}.b-signed{background:#37474f}.b-none,.b-interrupted{background:#9e9e9e}
.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;margin:8px 0 12px;padding:8px;background:var(--bg);border:1px solid var(--line);border-radius:6px}
.filters label{display:flex;flex-direction:column;font-size:.85em;color:var(--muted)}.filters .grow{flex:1 1 220px}
input,select,textarea,button{font:inherit;font-size:16px}
input,select,textarea{border:1px solid #bbb;border-radius:4px;padding:6px;background:#fff;color:#202124;max-width:100%}
button{background:var(--blue);color:#fff;border:none;border-radius:4px;padding:7px 14px;cursor:pointer;min-height:40px}
button.secondary{background:#fff;color:var(--bad);border:1px solid var(--bad)}
button[disabled]{background:#9e9e9e;cursor:not-allowed}
.stack{display:flex;flex-direction:column;gap:8px;max-width:560px}.stack label{display:flex;flex-direction:column;gap:2px}
fieldset{border:1px solid var(--line);border-radius:4px}
form.inline{display:inline-flex;gap:6px;align-items:center;flex-wrap:wrap}
.sr{position:absolute;left:-9999px}
.panel{border:1px solid var(--line);border-radius:8px;padding:8px 14px;margin:12px 0;background:#fff}
.score{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;flex:1 1 220px}
.card.reviewed{border-color:var(--warn);border-width:2px}.big{font-size:2em;font-weight:700}
.banner,.frozen,.note,.lapsed,.error{border-radius:6px;padding:8px 12px;margin:8px 0}
.banner,.error{background:#fdecea;border:1px solid var(--bad)}.frozen{background:#e8f0fe;border:2px solid var(--blue);font-weight:600}
.note{background:#fff8e1;border-left:4px solid var(--warn)}.lapsed{background:#fdecea;border-left:4px solid var(--bad)}
.waived{background:#e6f4ea;border-left:4px solid var(--ok);padding:6px 10px;margin:6px 0}.decided{background:#e8f0fe;border-left:4px solid var(--blue);padding:6px 10px;margin:6px 0}
.filterbar{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0}.filterbar a{border:1px solid var(--line);border-radius:16px;padding:4px 12px;text-decoration:none}.filterbar a[aria-current]{background:var(--blue);color:#fff;border-color:var(--blue)}
details.item{border:1px solid var(--line);border-left:6px solid #9e9e9e;border-radius:6px;margin:8px 0;background:#fff}
details.item.o-pass{border-left-color:var(--ok)}details.item.o-fail{border-left-color:var(--bad)}details.item.o-review{border-left-color:var(--warn)}details.item.o-error{border-left-color:#6a1b9a}
details.item>summary{padding:8px 10px;cursor:pointer}details.item .body{padding:0 12px 10px}
details.act>summary{cursor:pointer;color:var(--blue);margin:4px 0}
.defect{border-top:1px dashed var(--line);padding:6px 0}.defect.is-waived>.kind{text-decoration:line-through}
.kind{font-size:.8em;color:var(--muted)}.fix{color:#1b5e20}
.cols{display:flex;flex-wrap:wrap;gap:12px}.cols>div{flex:1 1 300px;min-width:0}
.shot img{max-width:100%;height:auto;border:1px solid var(--line)}
ul.tight{margin:.2em 0;padding-left:1.2em}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.cmp h3{margin-top:0}.cmp.new h3{color:var(--bad)}.cmp.fixed h3{color:var(--ok)}.cmp.flapping h3{color:var(--warn)}
.chart{width:100%;max-width:760px;height:auto}.spark{vertical-align:middle}
.crumbs{margin:0;font-size:.9em}
.login{max-width:420px;margin:40px auto}
q{quotes:"“" "”"}
.exports a{white-space:nowrap}
@media (max-width:720px){
 body{font-size:15px}main{padding:8px 10px 24px}
 table.cards thead{display:none}
 table.cards tr{display:block;border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:4px 8px}
 table.cards td{display:block;border:none;padding:3px 0;text-align:right;overflow:hidden}
 table.cards td::before{content:attr(data-label);float:left;font-weight:600;color:var(--muted);text-align:left;max-width:45%;padding-right:10px}
 table.cards td.num{white-space:normal}
 .fleet td:first-child{text-align:left}.fleet td:first-child::before{display:none}
 .shot img{max-height:240px;width:auto}
 .score .card{flex:1 1 100%}
 .nav{flex:1 1 100%;order:3}
}
`;

export const APP_JS = `(function(){
  'use strict';
  // Fleet: search narrows the rows as you type (the form still searches on the server without a script).
  var q = document.querySelector('[data-live-filter]');
  if (q) q.addEventListener('input', function(){
    var v = q.value.trim().toLowerCase();
    document.querySelectorAll('[data-row]').forEach(function(r){ r.hidden = !!v && r.getAttribute('data-search').indexOf(v) < 0; });
  });
  document.querySelectorAll('select[data-autosubmit]').forEach(function(s){ s.addEventListener('change', function(){ s.form.submit(); }); });
  // Audit: the outcome filter without a page load.
  document.querySelectorAll('.filterbar a[data-filter]').forEach(function(a){
    a.addEventListener('click', function(e){
      var f = a.getAttribute('data-filter');
      e.preventDefault();
      document.querySelectorAll('.filterbar a').forEach(function(x){ x.removeAttribute('aria-current'); });
      a.setAttribute('aria-current', 'true');
      document.querySelectorAll('details.item').forEach(function(d){
        d.hidden = !(f === 'all' || (f === 'changed' ? d.getAttribute('data-changed') === '1' : d.getAttribute('data-outcome') === f));
      });
      history.replaceState(null, '', a.getAttribute('href'));
    });
  });
  // Agency: "run now" progress, polled; the page reloads when the audit is done.
  var job = document.querySelector('[data-job]');
  if (job) {
    var out = job.querySelector('[data-progress]');
    var tick = function(){
      fetch(job.getAttribute('data-job'), { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function(r){ return r.json(); })
        .then(function(j){ if (out) out.textContent = j.text; if (j.state === 'running') setTimeout(tick, 1500); else location.reload(); })
        .catch(function(){ setTimeout(tick, 5000); });
    };
    setTimeout(tick, 1500);
  }
})();
`;
