// jest setupFilesAfterEnv for the CDKTF example: the matchers, and the Terraform that toBeValidTerraform
// runs. cdktf reads TERRAFORM_BINARY_NAME when it is first loaded, so it is set before that; the
// CLI configuration installs pure-fleet/pure from the mirror the e2e globalSetup wrote.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const setup = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', '.cache', 'e2e', 'setup.json'), 'utf8'),
);
process.env.TERRAFORM_BINARY_NAME = setup.clis.terraform.path;
process.env.TF_CLI_CONFIG_FILE = setup.cliConfig;
process.env.CHECKPOINT_DISABLE = '1';
process.env.TF_IN_AUTOMATION = '1';
require('cdktf').Testing.setupJest();
