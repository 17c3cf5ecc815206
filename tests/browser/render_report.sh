#!/usr/bin/env bash
# render_report.sh - opens the HTML report in a real headless browser
# (Debian's chromium): it must load without a policy violation or a script
# error, show what the report says, and run nothing from the data. Writes
# a screenshot of the showcase report to SCREENSHOT, and prints it to PDF
# (a PDF with pages). Exits 77 (skipped) when chromium is not installed.
# Usage: render_report.sh MAKE_REPORT_BINARY SCREENSHOT.png
set -u
make_report=$1
screenshot=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "browser test skipped: chromium is not installed (apt-get install chromium)"
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

run_browser() {
	# No network, no profile of the user's, no GPU: a sandbox of our own.
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$work/profile-$1" --enable-logging=stderr --v=0 \
		"${@:2}" 2>"$work/browser-$1.log"
}

"$make_report" showcase "$work/showcase.html" || fail "cannot make the showcase report"
"$make_report" hostile "$work/hostile.html" || fail "cannot make the hostile report"

for page in showcase hostile; do
	run_browser "$page" --dump-dom "file://$work/$page.html" >"$work/$page.dom" ||
		fail "$page: chromium exited with $?"
	if grep -E "Uncaught|Refused to|CONSOLE\(.*\] \"[^\"]*[Ee]rror" "$work/browser-$page.log"; then
		fail "$page: the page logged an error"
	fi
	grep -q 'id="status-bars"' "$work/$page.dom" || fail "$page: no status bars in the DOM"
	grep -q 'id="timeline"' "$work/$page.dom" || fail "$page: no timeline in the DOM"
	grep -q 'Strengthening Regional Security Cooperation' "$work/$page.dom" ||
		fail "$page: section missing from the DOM"
done
# The script tag in a title is text on the page, never an element.
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$work/hostile.dom" || fail "hostile title not shown as text"
if grep -q '<script' "$work/hostile.dom"; then fail "a script element reached the DOM"; fi
grep -q '=HYPERLINK' "$work/hostile.dom" || fail "hostile note not shown"
# A crafted health and status code must not become a <meta refresh> (no CSP
# directive stops one) nor any other element: shown as text, and the page
# stays where it is.
if grep -qiE '<meta[^>]*refresh' "$work/hostile.dom"; then fail "a meta refresh reached the DOM"; fi
if grep -q '<img' "$work/hostile.dom"; then fail "an img element reached the DOM"; fi
grep -q '&lt;meta http-equiv="refresh"' "$work/hostile.dom" || fail "crafted health not shown as text"
grep -q "default-src 'none'" "$work/hostile.html" || fail "the CSP lost default-src 'none'"
if grep -q 'evil.example' "$work/browser-hostile.log"; then fail "the browser went to the crafted URL"; fi

# Fits 1280 px without horizontal scrolling, and has its health view: the
# page is framed at that width by a page of ours whose script measures it
# (the report itself runs no script).
cp "$work/showcase.html" "$work/framed.html"
cat >"$work/measure.html" <<'HTML'
<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="framed.html" style="width:1280px;height:900px;border:0"></iframe>
<pre id="out">pending</pre>
<script>
document.getElementById('f').onload = function () {
  var d = this.contentDocument.documentElement;
  document.getElementById('out').textContent = 'fit ' + (d.scrollWidth <= d.clientWidth) +
    ' health ' + this.contentDocument.querySelectorAll('#health svg').length;
};
</script></body></html>
HTML
run_browser measure --allow-file-access-from-files --virtual-time-budget=5000 \
	--window-size=1400,1000 --dump-dom "file://$work/measure.html" >"$work/measure.dom" ||
	fail "measure: chromium exited with $?"
grep -q 'fit true' "$work/measure.dom" || fail "the page scrolls sideways at 1280 px: $(grep -o 'fit [a-z]* health [0-9]*' "$work/measure.dom")"
grep -q 'health 8' "$work/measure.dom" || fail "no health bar per section and framework: $(grep -o 'health [0-9a-z]*' "$work/measure.dom")"

# Printed to PDF (what "Print, Save as PDF" gives): a PDF of a few pages,
# not an empty one and not one page per table row.
if run_browser pdf --no-pdf-header-footer --print-to-pdf="$work/report.pdf" \
	"file://$work/showcase.html" >/dev/null; then
	[ -s "$work/report.pdf" ] || fail "print to PDF: no PDF written"
	[ "$(head -c 5 "$work/report.pdf")" = "%PDF-" ] || fail "print to PDF: not a PDF"
	pages=$(grep -a -o '/Type /Pages[^>]*/Count [0-9]*\|/Count [0-9]*' "$work/report.pdf" |
		grep -o '[0-9]*$' | sort -n | tail -1)
	[ -n "$pages" ] || fail "print to PDF: no page count in the PDF"
	[ "$pages" -ge 1 ] && [ "$pages" -le 20 ] || fail "print to PDF: $pages pages"
	pdf_size=$(stat -c %s "$work/report.pdf")
	[ "$pdf_size" -gt 20000 ] || fail "print to PDF: suspiciously small ($pdf_size bytes)"
	echo "browser: printed to PDF, $pages pages ($pdf_size bytes)"
else
	fail "print to PDF: chromium exited with $?: $(tail -1 "$work/browser-pdf.log")"
fi

run_browser shot --screenshot="$work/report.png" --window-size=1280,2400 \
	--hide-scrollbars "file://$work/showcase.html" >/dev/null || fail "screenshot: chromium exited with $?"
[ -s "$work/report.png" ] || fail "no screenshot written"
size=$(stat -c %s "$work/report.png")
[ "$size" -gt 20000 ] || fail "screenshot suspiciously small ($size bytes): a blank page?"
cp "$work/report.png" "$screenshot"
echo "browser: report rendered; screenshot in $screenshot ($size bytes)"
