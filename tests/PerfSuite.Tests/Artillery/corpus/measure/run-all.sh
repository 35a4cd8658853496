#!/bin/bash
cd /work/shared/artillery-corpus
for f in $(find . -name "*.y*ml" | sort); do
  name=$(echo "$f" | sed 's|^\./||; s|/|__|g')
  unshare -n /tmp/art-corpus/run-one.sh "$PWD/$f" > "/tmp/art-corpus/$name.log" 2>&1
done
echo done > /tmp/art-corpus/ALLDONE
