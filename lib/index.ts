/**
 * Quarry: a fluent, reactive client for S3-compatible object storage.
 *
 * Two faces over one engine: the fluent API ({@link S3}, {@link BucketRef},
 * {@link ObjectRef}, {@link ObjectsQuery}) and the MinIO-Python-SDK-parity facade ({@link Minio}).
 * @packageDocumentation
 */
export { S3, type S3Options } from "./client.js";
export { Minio, type PresignedUrlOptions, type MinioOptions, type ListObjectsOptions, type GetObjectOptions, type StatObjectOptions, type PutObjectOptions, type FGetObjectOptions } from "./minio.js";
export { BucketRef, type CreateBucketOptions, type BucketOperation } from "./builders/bucket-ref.js";
export { BucketsQuery } from "./builders/buckets-query.js";
export { ObjectRef, type GetOptions, type StatOptions, type RemoveOptions, type SignalOption, type ObjectOperation } from "./builders/object-ref.js";
export type { PutOptions, UploadOptions } from "./builders/upload-plan.js";
export type { UploadEvent } from "./builders/upload-observable.js";
export { UploadsRef, type ListUploadsOptions } from "./builders/uploads-ref.js";
export { DEFAULT_LISTEN_EVENTS, type ListenOptions, type ListenReconnectOptions } from "./builders/listen-plan.js";
export {
  decodeEventKey,
  type NotificationRecord, type NotificationIdentity, type NotificationBucket, type NotificationObject, type NotificationS3, type NotificationSource,
} from "./model/notification-record.js";
export type { IncompleteUpload } from "./model/incomplete-upload.js";
export type { DownloadOptions } from "./builders/download-plan.js";
export type { ParallelReadOptions } from "./builders/parallel-options.js";
export { DEFAULT_GET_PART_SIZE, MIN_GET_PART_SIZE, MAX_GET_PART_SIZE, MAX_GET_PARALLEL } from "./plan/parallel-get.js";
export type { CopyOptions, ComposeOptions } from "./builders/copy-plan.js";
export { SseCustomerKey, SseKMS, SseS3, type Sse } from "./model/sse.js";
export type { Progress, ProgressListener } from "./model/progress.js";
export { ObjectsQuery } from "./builders/objects-query.js";
export { DEFAULT_WATCH_EVENTS, type WatchOptions } from "./builders/watch-plan.js";
export { Aggregate } from "./builders/aggregate.js";
export { PredicateBuilder, type ObjectFilter, type ValueMatch, type SizeInput, type AgeInput } from "./query/predicate-builder.js";
export type { PrefixGroup } from "./query/aggregates.js";
export { QuarryError, S3Error, ServerError, InvalidResponseError, InvalidArgumentError, CredentialsError, type S3ErrorFields } from "./errors.js";
export { NetworkError, type TransportOptions } from "./exec/transport.js";
export type { RetryOptions } from "./exec/retry.js";
export type { ObjectInfo, BucketInfo } from "./model/object-info.js";
export { ObjectChangedError } from "./errors.js";
export type { ObjectWriteResult, ObjectStream } from "./model/results.js";
export { ChecksumMismatchError } from "./errors.js";
export type { ChecksumSetting, ObjectChecksums } from "./model/checksums.js";
export type * from "./plan/nodes.js";
export type { BodyInput } from "./plan/runner.js";
export type { Credentials } from "./sign/types.js";
export type { CredentialsProvider } from "./credentials/provider.js";
export { StaticProvider } from "./credentials/static.js";
export { CredentialsValue } from "./credentials/credentials-value.js";
export { RefreshingProvider } from "./credentials/refreshing-provider.js";
export { EnvAWSProvider } from "./credentials/env-aws.js";
export { EnvMinioProvider } from "./credentials/env-minio.js";
export { AWSConfigProvider, type AWSConfigProviderOptions } from "./credentials/aws-config.js";
export { MinioClientConfigProvider, type MinioClientConfigProviderOptions } from "./credentials/minio-client-config.js";
export { AssumeRoleProvider, type AssumeRoleOptions } from "./credentials/assume-role.js";
export type { StsOptions } from "./credentials/sts.js";
export type { Jwt, JwtProvider, JwtStsOptions } from "./credentials/web-identity-base.js";
export { WebIdentityProvider, type WebIdentityOptions } from "./credentials/web-identity.js";
export { ClientGrantsProvider } from "./credentials/client-grants.js";
export { LdapIdentityProvider, type LdapIdentityOptions } from "./credentials/ldap-identity.js";
export { CertificateIdentityProvider, type CertificateIdentityOptions } from "./credentials/certificate-identity.js";
export { IamAwsProvider, type IamAwsProviderOptions } from "./credentials/iam-aws.js";
export { ChainedProvider } from "./credentials/chained.js";
export { ConfigRef, type ConfigSetOptions } from "./builders/config-ref.js";
export { Tags } from "./model/tags.js";
export { VersioningConfig, type VersioningStatus, type VersioningOptions, type MfaDeleteStatus } from "./model/versioning.js";
export { SSEConfig, SseRule } from "./model/sse-config.js";
export { ObjectLockConfig, type RetentionMode, type RetentionUnit } from "./model/object-lock.js";
export { Retention } from "./model/retention.js";
export type { TagsInput } from "./xml/configs/tags.js";
export {
  NotificationConfig, QueueConfig, TopicConfig, CloudFuncConfig, PrefixFilterRule, SuffixFilterRule, FilterRule, NotificationTargetConfig,
  type NotificationConfigOptions, type NotificationTargetOptions, type NotificationEvent, type NotificationTargetKind, type FilterRuleName,
} from "./model/notification.js";
export { Filter, AndOperator, Tag, type RuleStatus, type FilterOptions, type AndOperatorOptions } from "./model/filter.js";
export {
  LifecycleConfig, LifecycleRule, Expiration, Transition, NoncurrentVersionExpiration, NoncurrentVersionTransition,
  AbortIncompleteMultipartUpload, DelMarkerExpiration,
  type LifecycleRuleOptions, type ExpirationOptions, type TransitionOptions, type NoncurrentVersionExpirationOptions,
  type NoncurrentVersionTransitionOptions, type AbortIncompleteMultipartUploadOptions,
} from "./model/lifecycle.js";
export {
  ReplicationConfig, ReplicationRule, Destination, DeleteMarkerReplication, DeleteReplication, ExistingObjectReplication,
  SourceSelectionCriteria, SseKmsEncryptedObjects, ReplicaModifications, AccessControlTranslation, EncryptionConfiguration,
  Metrics, ReplicationTime, ReplicationTimeValue, EventThreshold,
  type ReplicationRuleOptions, type DestinationOptions, type SourceSelectionCriteriaOptions, type EncryptionConfigurationOptions,
} from "./model/replication.js";
export { SnowballObject, type SnowballObjectOptions, type SnowballItem, type SnowballSummary, type SnowballData } from "./model/snowball.js";
export { DEFAULT_SNOWBALL_BATCH, DEFAULT_SNOWBALL_PARALLEL, type PutManyOptions } from "./builders/snowball-plan.js";
export type { SnowballSource } from "./plan/runner.js";
export type { UploadSnowballObjectsOptions } from "./minio.js";
export { CopySource, ComposeSource, type CopySourceOptions } from "./model/copy-source.js";
export { PostPolicy, type PresignedPost } from "./model/post-policy.js";
export type { PresignOptions, PresignTarget } from "./builders/presign-plan.js";
export {
  SelectRequest, CSVInputSerialization, JSONInputSerialization, ParquetInputSerialization, CSVOutputSerialization, JSONOutputSerialization,
  type SelectStats, type SelectProgress, type SelectRequestOptions, type CSVInputOptions, type JSONInputOptions, type CSVOutputOptions,
  type JSONOutputOptions, type InputSerialization, type OutputSerialization,
} from "./model/select.js";
export { SelectResult, type SelectResultOptions, type SelectRecords } from "./select/result.js";
export type { SelectOptions } from "./builders/select-plan.js";
export { DeleteObject, DeleteError } from "./model/delete-object.js";
export { DeleteErrors } from "./model/delete-errors.js";
export { BulkMutation, type MutationRun } from "./model/bulk-mutation.js";
export type { MutationResult, MutationStatus, SkipReason, MutationError, MutationCounts, MutationSummary, DeleteResult } from "./model/mutation-result.js";
export type { KeyLike, KeySource } from "./model/key-source.js";
export type { RemoveObjectsOptions } from "./builders/remove-plan.js";
export { DEFAULT_BULK_CONCURRENCY, type BulkOptions, type CopyToOptions, type MirrorToOptions, type SetTagsOptions } from "./builders/bulk-plan.js";
