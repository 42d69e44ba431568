#!/usr/bin/env bash
# Rebuilds static/js/echarts.min.js from the pinned npm packages (package-lock.json).
# The site build never runs this: the built file is committed.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run build
cp node_modules/echarts/LICENSE ../../static/js/echarts.LICENSE.txt
cp node_modules/echarts/NOTICE ../../static/js/echarts.NOTICE.txt
cp node_modules/zrender/LICENSE ../../static/js/zrender.LICENSE.txt
cp node_modules/tslib/LICENSE.txt ../../static/js/tslib.LICENSE.txt
