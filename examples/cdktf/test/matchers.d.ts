// The cdktf jest matchers' types (Testing.setupJest() in setup.cjs adds them at run time).
import 'cdktf/lib/testing/adapters/jest';
