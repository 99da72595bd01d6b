#!/bin/sh
# A KRM function that returns its input unchanged: what kpt writes with it is what "left as it
# came" means for kpt (test/e2e/passthrough.test.ts).
exec cat
