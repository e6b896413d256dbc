import test from 'ava';
import { hostPlatform, isHost, platform } from './platform.js';

test('Terraform platform names map to Node architectures', (t) => {
  t.like(platform('linux_amd64'), { os: 'linux', arch: 'amd64', nodeArch: 'x64' });
  t.like(platform('linux_arm64'), { os: 'linux', arch: 'arm64', nodeArch: 'arm64' });
  t.true(isHost(hostPlatform()));
});

test('a bad platform name is refused, naming it and the expected form', (t) => {
  for (const bad of ['linux', 'linux_x64', 'Linux_amd64', 'linux_amd64_v2']) {
    t.throws(() => platform(bad), { message: new RegExp(`"${bad}" is not os_arch.*e\\.g\\. linux_amd64`) });
  }
});
