"""Front-end assets of the web UI, installed by the setup command from the npm registry (pinned, checked
by SHA-256) into the git-ignored ``static/vendor/``: the app serves them itself, so the UI needs no network.

    python -m rashomon.serve.assets          # what scripts/setup.sh runs

Public surface: ``VENDOR``, ``ASSETS``, ``install``, ``borders_path``.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["VENDOR", "ASSETS", "Asset", "install", "borders_path", "swagger_dir", "map_installed"]

VENDOR = Path(__file__).parent / "static" / "vendor"


@dataclass(frozen=True)
class Asset:
    package: str
    version: str
    sha256: str  # of the npm tarball
    files: tuple[str, ...]  # paths inside the tarball's package/ folder

    @property
    def dest(self) -> Path:
        return VENDOR / self.package


ASSETS = (
    # Natural Earth 1:50m country borders as TopoJSON (ISC licence)
    Asset(
        "world-atlas",
        "2.0.2",
        "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97",
        ("countries-50m.json", "LICENSE"),
    ),
    # the OpenAPI explorer behind /docs (Apache-2.0)
    Asset(
        "swagger-ui-dist",
        "5.35.0",
        "1b8e891893404ea4c3558b6a87e2a3e494e7eedba41168c2ece5800a391a6ea6",
        ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"),
    ),
    # the events map: Leaflet (BSD-2-Clause) and its marker-cluster plugin (MIT), drawn over the borders
    Asset(
        "leaflet",
        "1.9.4",
        "84c65a256e50657896f54c33bd857b6849ebe94c817803be818bf32a3dde0b77",
        ("dist/leaflet.js", "dist/leaflet.css", "LICENSE"),
    ),
    Asset(
        "leaflet.markercluster",
        "1.5.3",
        "fc6b0b1d00b6c708ae54e43ee4a11ac345e41660e19f0a570190bb35babb1a1c",
        (
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
            "MIT-LICENCE.txt",
        ),
    ),
)


def borders_path() -> Path:
    return ASSETS[0].dest / "countries-50m.json"


def swagger_dir() -> Path:
    return ASSETS[1].dest


def map_installed() -> bool:
    """Whether Leaflet and its cluster plugin are installed (without them the map is plain SVG)."""
    return all(_installed(a) for a in ASSETS[2:4])


def _installed(a: Asset) -> bool:
    stamp = a.dest / ".version"
    return (
        stamp.is_file()
        and stamp.read_text().strip() == a.version
        and all((a.dest / f).is_file() for f in a.files)
    )


def install(force: bool = False, npm: str = "npm") -> list[str]:
    """Fetch, check and unpack every asset that is missing; returns what was installed."""
    done = []
    for a in ASSETS:
        if _installed(a) and not force:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            res = subprocess.run(
                [npm, "pack", f"{a.package}@{a.version}", "--json", "--silent"],
                cwd=tmp,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if res.returncode != 0:
                raise RuntimeError(f"npm pack {a.package}@{a.version} failed: {res.stderr.strip()[-500:]}")
            name = json.loads(res.stdout)[0]["filename"]
            blob = (Path(tmp) / name).read_bytes()
        digest = hashlib.sha256(blob).hexdigest()
        if digest != a.sha256:
            raise RuntimeError(f"{a.package}@{a.version}: SHA-256 {digest} is not the pinned {a.sha256}")
        if a.dest.exists():
            shutil.rmtree(a.dest)
        a.dest.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
            for f in a.files:
                member = tar.extractfile(f"package/{f}")
                if member is None:
                    raise RuntimeError(f"{a.package}@{a.version} has no {f}")
                (a.dest / f).parent.mkdir(parents=True, exist_ok=True)
                (a.dest / f).write_bytes(member.read())
        (a.dest / ".version").write_text(a.version + "\n")
        done.append(f"{a.package}@{a.version}")
    return done


def main() -> None:
    if shutil.which("npm") is None:
        # the UI still works without them (no borders, no API explorer): warn, do not fail the setup
        print("web UI assets: npm not found, skipped (the map will have no country borders)", file=sys.stderr)
        return
    try:
        done = install(force="--force" in sys.argv)
    except (OSError, RuntimeError, subprocess.SubprocessError) as e:
        sys.exit(f"web UI assets: {e}")
    print("web UI assets: " + (", ".join(done) + " installed" if done else "up to date"))


if __name__ == "__main__":
    main()
