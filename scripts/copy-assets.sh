#!/usr/bin/env bash
# Copy the front-end assets installed by `npm ci` into the static folder (served by WhiteNoise).
# Nothing is ever fetched from a CDN at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=src/jiazhou_web/static/vendor
mkdir -p "$dest/bootstrap" "$dest/bootstrap-icons/fonts" "$dest/echarts" "$dest/htmx"
cp node_modules/bootstrap/dist/css/bootstrap.min.css "$dest/bootstrap/"
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js "$dest/bootstrap/"
cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css "$dest/bootstrap-icons/"
cp node_modules/bootstrap-icons/font/fonts/* "$dest/bootstrap-icons/fonts/"
cp node_modules/echarts/dist/echarts.min.js "$dest/echarts/"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx/"
