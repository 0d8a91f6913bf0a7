"""What the real-client checks share: the server's URL, what the database says the anonymous caller may see, the
tally of checks, and image tests. Run the client scripts with Debian's /usr/bin/python3 (OWSLib, QGIS, GDAL are
Debian packages); bench/real-clients.sh passes the server URL and exports OBS_PSQL_URL."""
import glob
import io
import os
import re
import subprocess
import sys
import tempfile

import yaml
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def server_url():
    if len(sys.argv) < 2:
        sys.exit("usage: %s SERVER_URL (e.g. http://localhost:8080)" % sys.argv[0])
    return sys.argv[1].rstrip("/")


def work_dir(client):
    """Where a client leaves what it fetched (images, GeoPackage): OUTPUT_DIR/client when the script got an
    OUTPUT_DIR after the server URL, else a new temporary folder."""
    if len(sys.argv) > 2:
        folder = os.path.join(sys.argv[2], client)
        os.makedirs(folder, exist_ok=True)
        return folder
    return tempfile.mkdtemp(prefix=client + "-")


def run(*args):
    """The output of a command-line client; its failure raises, with the end of what it wrote on stderr."""
    done = subprocess.run(args, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError("%s exited with %d: %s" % (args[0], done.returncode, done.stderr.strip()[-500:]))
    return done.stdout


def check_ogrinfo_counts(checks, dataset, expected_counts, what):
    """ogrinfo lists every layer of the dataset with the feature count the database gives."""
    # -noextent: GDAL 3.6 computes the extent of sinp:occurrences (generic geometry type) by reading every page
    listing = run("ogrinfo", "-ro", "-so", "-al", "-noextent", dataset)
    counts = dict(re.findall(r"^Layer name: (\S+)\n(?:.*\n)*?Feature Count: (\d+)", listing, re.M))
    checks.check("ogrinfo %s lists every layer" % what, sorted(counts) == sorted(expected_counts), sorted(counts))
    for name, expected in expected_counts.items():
        checks.check("ogrinfo %s %s: %s features, the database's %d" % (what, name, counts.get(name), expected),
                     counts.get(name) == str(expected))


def psql(sql):
    """One value from the server's database (OBS_PSQL_URL, or the PG* variables psql reads itself)."""
    url = os.environ.get("OBS_PSQL_URL")
    args = ["psql", "-X", "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql] + ([url] if url else [])
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("psql failed on %s: %s" % (sql, done.stderr.strip()))
    return done.stdout.strip()


def catalog_layers():
    """Qualified name -> layer YAML, from the data directory the server reads."""
    layers = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "data-dir", "workspaces", "*", "layers", "*.yaml"))):
        workspace = path.split(os.sep)[-3]
        with open(path, encoding="utf-8") as f:
            layer = yaml.safe_load(f)
        layers["%s:%s" % (workspace, layer["name"])] = layer
    return layers


def anonymous_counts():
    """Qualified name -> number of features the anonymous caller may see, counted in the database: every row of the
    source, except for the SINP policy, which hides occurrences of diffusion level 4 (not diffused) from the public."""
    counts = {}
    for name, layer in catalog_layers().items():
        where = " WHERE diffusion_level < 4" if layer.get("policy") == "sinp-sensitivity" else ""
        counts[name] = int(psql("SELECT count(*) FROM %s%s" % (layer["source"], where)))
    return counts


def drawn_pixels(data):
    """Number of pixels of an encoded image that are not fully transparent and not white."""
    image = Image.open(io.BytesIO(data)).convert("RGBA")
    return sum(1 for r, g, b, a in image.getdata() if a > 0 and (r, g, b) != (255, 255, 255))


class Checks:
    """A tally of named checks; each failure is printed at once with its detail."""

    def __init__(self, client):
        self.client = client
        self.passed = 0
        self.failed = 0

    def check(self, what, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL [%s] %s%s" % (self.client, what, ": " + str(detail) if detail else ""), flush=True)
        return ok

    def run(self, what, function, *args):
        """Runs one group of checks; an exception the client raises is a failure of that group."""
        try:
            function(*args)
        except Exception as e:  # a client error (HTTP, parse, OGC exception) is what this check is for
            self.check(what, False, "%s: %s" % (type(e).__name__, e))

    def finish(self):
        print("%s: %d passed, %d failed" % (self.client, self.passed, self.failed), flush=True)
        sys.exit(1 if self.failed or not self.passed else 0)
