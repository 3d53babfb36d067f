export { isProfileName, parseVersion, UnsupportedVersionError } from './parse-version.ts';
export {
  PROFILE_NAMES,
  PROFILES,
  type ProfileName,
  RECORDED_PROFILE_NAMES,
  type Verification,
  type VersionProfile,
} from './profiles.ts';
export {
  type LayerVerification,
  VERIFIED_AGAINST,
  type VerifiedLayer,
} from './verified-against.ts';
