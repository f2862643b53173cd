// Preloaded with NODE_OPTIONS=--require (which, unlike --cpu-prof, NODE_OPTIONS allows): profiles
// the whole process with the in-process inspector and writes a V8 CPU profile when it exits, to
// $PURE_CPU_PROFILE_DIR/<pid>.cpuprofile. The same-thread inspector session answers synchronously,
// so the profile is complete even when the process ends with process.exit().
'use strict';
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.PURE_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
