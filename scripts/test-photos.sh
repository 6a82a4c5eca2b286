#!/usr/bin/env bash
# The real photographs the perceptual matcher's labelled set is built from (libs/testing/src/fixtures/perceptual-set.ts):
# scikit-image's sample data, taken from Debian's python3-skimage package without installing it or its dependencies
# (`apt-get download`, then only these files out of the .deb). They go to .data/test-photos in this checkout: the tests
# find them from the repository root (no environment variable), .data/ is ignored by git and Docker, and removing the
# checkout removes them; they are never committed. Licence: the package's copyright file, kept beside them as COPYRIGHT,
# puts it all under BSD-3-Clause; skimage/data/_fetchers.py gives each picture's origin (most CC0, public domain or of
# no known copyright restrictions; no licence named for moon and the Middlebury stereo pair).
#
# Idempotent and atomic: a complete copy whose checksums match is left alone; otherwise the photos are put together in
# a staging directory and renamed into place, so an interrupted or concurrent run never leaves a partial set.
set -euo pipefail
cd "$(dirname "$0")/.."

DEST=.data/test-photos
PACKAGE=python3-skimage

# The pictures and their SHA-256 (python3-skimage 0.19.3-8, Debian 12): the labelled set's figures are about these bytes.
SUMS="88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5  astronaut.png
b0793d2adda0fa6ae899c03989482bff9a42d3d5690fc7e3648f2795d730c23a  camera.png
596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb  chelsea.png
cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7  coffee.png
f8d773fc9cfa6f4d8e5942dc34d0a0788fcaed2a4fefbbed0aef5398d7ef4cba  coins.png
c2dd0de7c538df8d111e479619b129464d0269d0ae5fd18ca91d33a7fdfea95c  rocket.jpg
db18e9c4157617403c3537a6ba355dfeafe9a7eabb6b9b94cb33f6525dd49179  motorcycle_left.png
5fc913ae870e42a4b662314bc904d1786bcad8e2f0b9b67dba5a229406357797  motorcycle_right.png
7966caf324f6ba843118d98f7a07746d22f6a343430add0233eca5f6eaaa8fcf  brick.png
b6b6022426b38936c43a4ac09635cd78af074e90f42ffa8227ac8b7452d39f89  grass.png
c48615b451bf1e606fbd72c0aa9f8cc0f068ab7111ef7d93bb9b0f2586440c12  gravel.png
3a19c5dd8a927a9334bb1229a6d63711b1c0c767fb27e2286e7c84a3e2c2f5f4  hubble_deep_field.jpg
f8dd1aa387ddd1f49d8ad13b50921b237df8e9b262606d258770687b0ef93cef  ihc.png
38a07f36f27f095e818aea7b96d34202c05176d30253c66733f2e00379e9e0e6  retina.jpg
78739619d11f7eb9c165bb5d2efd4772cee557812ec847532dbb1d92ef71f577  moon.png"

complete() { [ -f "$1/SHA256SUMS" ] && (cd "$1" && sha256sum --quiet --strict -c SHA256SUMS >/dev/null 2>&1); }

if complete "$DEST"; then
  echo "test photos present in $DEST ($(wc -l <"$DEST/SHA256SUMS") pictures)"
  exit 0
fi

mkdir -p "$(dirname "$DEST")"
staging="$(mktemp -d "$DEST.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
(
  cd "$staging"
  # Only the .deb is fetched (into this directory): nothing is installed. A machine whose package lists are not
  # downloaded yet gets them first.
  apt-get download -qq "$PACKAGE" 2>/dev/null || { apt-get update -qq && apt-get download -qq "$PACKAGE"; }
  deb="$(ls "$PACKAGE"_*.deb)"
  mkdir unpacked
  # shellcheck disable=SC2046 # one pattern per picture
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C unpacked --wildcards "./usr/share/doc/$PACKAGE/copyright" \
    $(printf '%s\n' "$SUMS" | awk '{ print "*/skimage/data/" $2 }')
  printf '%s\n' "$SUMS" | awk '{ print $2 }' | while read -r name; do
    found="$(find unpacked -path "*/skimage/data/$name" | head -n 1)"
    [ -n "$found" ] || { echo "$deb has no skimage/data/$name" >&2; exit 1; }
    mv "$found" "$name"
  done
  mv "unpacked/usr/share/doc/$PACKAGE/copyright" COPYRIGHT
  printf '%s\n' "$SUMS" >SHA256SUMS
  if ! sha256sum --quiet --strict -c SHA256SUMS; then
    echo "$deb holds other pictures than the ones the labelled set was measured on (SHA256SUMS above)" >&2
    exit 1
  fi
  echo "From Debian's $deb (scikit-image's sample data); licence in COPYRIGHT. Made by scripts/test-photos.sh." >SOURCE
  rm -rf unpacked "$deb"
)
chmod 755 "$staging"
# A rename, so the photos appear all at once. A concurrent run that got there first leaves its complete copy.
rm -rf "$DEST.old"
if [ -e "$DEST" ] && ! complete "$DEST"; then mv -T "$DEST" "$DEST.old"; fi
mv -T "$staging" "$DEST" 2>/dev/null || complete "$DEST"
rm -rf "$DEST.old"
echo "test photos in $DEST ($(wc -l <"$DEST/SHA256SUMS") pictures)"
