"""OpenLayers in headless Chromium, a real client: the server's demo page /demo/wmts.html shows WMTS layers in
WebMercatorQuad and in Lambert93Quad (proj4), configured from the capabilities. The page writes into the DOM how many
tiles loaded or failed and how many pixels it drew; this script drives Chromium through the DevTools protocol on a pipe
(--remote-debugging-pipe), waits for that outcome (tiles rendered on a loaded machine take seconds, which a
--virtual-time-budget does not wait for), and checks a screenshot of the page too.
    usage: /usr/bin/python3 bench/clients/openlayers_check.py SERVER_URL [OUTPUT_DIR]"""
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.parse

from common import Checks, anonymous_counts, drawn_pixels, server_url, work_dir

URL = server_url()
SHOTS = work_dir("openlayers")
COUNTS = anonymous_counts()
checks = Checks("OpenLayers")
LAYERS = ("obs:habitats", "sinp:occurrences")
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
WAIT = 300  # seconds for a page to render its tiles


class Chromium:
    """A headless Chromium spoken to over the DevTools pipe: JSON messages ending in NUL, on its fds 3 (in) and 4."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="chromium-")
        to_browser, self.commands = os.pipe()
        self.replies, from_browser = os.pipe()

        def pipes():  # in the child: the pipe ends on fds 3 and 4, inheritable (dup2 onto itself would keep CLOEXEC)
            into, out = os.dup(to_browser), os.dup(from_browser)
            os.dup2(into, 3)
            os.dup2(out, 4)

        self.process = subprocess.Popen(
            [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--remote-debugging-pipe", "--user-data-dir=" + self.profile, "--window-size=800,600", "about:blank"],
            preexec_fn=pipes, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self.pending = b""
        self.next_id = 0

    def call(self, method, session=None, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.pending:
                chunk = os.read(self.replies, 1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.pending += chunk
            raw, self.pending = self.pending.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply["result"]

    def close(self):
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        self.process.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def page(browser, layer, matrix_set):
    what = "OpenLayers %s %s" % (layer, matrix_set)
    target = browser.call("Target.createTarget",
                          url="%s/demo/wmts.html?layer=%s&matrixSet=%s" % (URL, layer, matrix_set))["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    outcome = None
    deadline = time.time() + WAIT
    while outcome is None and time.time() < deadline:
        time.sleep(1)
        text = browser.call("Runtime.evaluate", session, returnByValue=True,
                            expression="(document.getElementById('result') || {}).textContent")["result"].get("value")
        outcome = json.loads(text) if text else None
    if not checks.check("%s: the page rendered within %d s" % (what, WAIT), outcome is not None):
        return
    checks.check("%s: no error" % what, "error" not in outcome, outcome.get("error"))
    checks.check("%s: tiles loaded (%d), none failed (%d)" % (what, outcome["tilesLoaded"], outcome["tileErrors"]),
                 outcome["tilesLoaded"] > 0 and outcome["tileErrors"] == 0)
    tile_url = urllib.parse.urlsplit(outcome.get("tileUrl", ""))
    checks.check("%s: RESTful tiles from the tile endpoint, not the page's port (%s)" % (what, outcome.get("tileUrl")),
                 tile_url.path.startswith("/wmts/1.0.0/%s/" % layer)
                 and tile_url.port not in (None, urllib.parse.urlsplit(URL).port))
    shot = base64.b64decode(browser.call("Page.captureScreenshot", session, format="png",
                                         clip={"x": 0, "y": 0, "width": 768, "height": 512, "scale": 1})["data"])
    with open(os.path.join(SHOTS, "openlayers-%s-%s.png" % (layer.replace(":", "_"), matrix_set)), "wb") as f:
        f.write(shot)
    if COUNTS[layer] > 0:
        checks.check("%s: the map canvas shows the layer (%d pixels drawn)" % (what, outcome["drawnPixels"]),
                     outcome["drawnPixels"] > 0)
        # a tenth of the map at least: the zoom buttons alone are ~1 000 pixels, the layers fill most of the view
        drawn = drawn_pixels(shot)
        checks.check("%s: the screenshot shows the layer (%d coloured pixels)" % (what, drawn), drawn > 768 * 512 // 10)
    browser.call("Target.closeTarget", targetId=target)


chromium = Chromium()
try:
    for matrix in ("WebMercatorQuad", "Lambert93Quad"):
        for name in LAYERS:
            checks.run("OpenLayers %s %s" % (name, matrix), page, chromium, name, matrix)
finally:
    chromium.close()
checks.finish()
