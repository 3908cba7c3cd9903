#!/usr/bin/env bash
# Re-extract translatable strings into locales/poa_reporter.pot and merge them into every catalogue.
set -euo pipefail
cd "$(dirname "$0")"
pybabel extract -F babel.cfg -k N_ -k tr:2 --no-location --sort-output -o locales/poa_reporter.pot .
pybabel update -i locales/poa_reporter.pot -d locales -D poa_reporter --ignore-obsolete --no-fuzzy-matching 
