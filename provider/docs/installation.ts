/** The provider page's notes on getting the provider: the release, the mirrors, the source address. */
import { PROVIDER_SOURCE } from '../lbaas/version.js';

export function installation(): string {
  return `The provider is one executable per platform (linux_amd64, linux_arm64) that needs no Node.js on the host running Terraform. \`npm run provider:release\` writes the release zips, \`SHA256SUMS\` and a mirror tree that serves as a \`filesystem_mirror\` (packed layout) or, over HTTPS, as a \`network_mirror\`; \`npm run provider:install\` puts it into \`~/.terraform.d/plugins\`. Its source address is \`${PROVIDER_SOURCE}\`:

\`\`\`terraform
terraform {
  required_providers {
    lbaas = {
      source = "${PROVIDER_SOURCE}"
    }
  }
}
\`\`\``;
}
