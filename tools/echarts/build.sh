#!/usr/bin/env bash
# Rebuilds static/js/echarts.min.js from the pinned npm packages (package-lock.json).
# The site build never runs this: the built file is committed.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run build
cp node_modules/echarts/LICENSE ../../static/js/echarts.LICENSE.txt
