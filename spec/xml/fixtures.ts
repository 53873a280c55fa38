/**
 * XML fixtures for the spec/xml specs and the listing benchmark.
 */

const OWNER = "02d6176db174dc93cb1b899f7c6078f08654445fe8cf1b6ce98d8855f66bdbf4";

/** A MinIO-style V2 page (MinIO writes no whitespace between elements). */
export function minioPage(n: number): string {
  let s = '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    "<Name>bench</Name><Prefix>bench/</Prefix><NextContinuationToken>MWJlbmNoL2Rpci0wMDk5L29iamVjdC0wMDA5OTkuYmlu</NextContinuationToken>" +
    `<KeyCount>${n}</KeyCount><MaxKeys>${n}</MaxKeys><Delimiter></Delimiter><IsTruncated>true</IsTruncated>`;
  for (let i = 0; i < n; i++) {
    const dir = String(Math.floor(i / 10)).padStart(4, "0");
    const etag = (i * 2654435761 >>> 0).toString(16).padStart(8, "0").repeat(4);
    const sec = String(i % 60).padStart(2, "0");
    s += `<Contents><Key>bench/dir-${dir}/object-${String(i).padStart(6, "0")}.bin</Key>` +
      `<LastModified>2024-05-01T12:34:${sec}.${String(i % 1000).padStart(3, "0")}Z</LastModified>` +
      `<ETag>&quot;${etag}&quot;</ETag><Size>${1024 + i * 37}</Size>` +
      `<Owner><ID>${OWNER}</ID><DisplayName>minio</DisplayName></Owner><StorageClass>STANDARD</StorageClass></Contents>`;
  }
  return s + "</ListBucketResult>";
}


const XMLNS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** MinIO ListObjectsV2 (Go's encoder writes `"` as `&#34;`), truncated, with a delimiter. */
export const V2_MINIO = DECL +
  `<ListBucketResult ${XMLNS}><Name>photos</Name><Prefix>2024/</Prefix><NextContinuationToken>MjAyNC8wMi8=</NextContinuationToken>` +
  "<KeyCount>3</KeyCount><MaxKeys>3</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>" +
  "<Contents><Key>2024/a.jpg</Key><LastModified>2024-05-01T12:34:56.789Z</LastModified><ETag>&#34;9b2cf535f27731c974343645a3985328&#34;</ETag>" +
  "<Size>1048576</Size><Owner><ID>02d6176db174dc93cb1b899f7c6078f08654445fe8cf1b6ce98d8855f66bdbf4</ID><DisplayName>minio</DisplayName></Owner>" +
  "<StorageClass>STANDARD</StorageClass></Contents>" +
  "<Contents><Key>2024/b &amp; c.jpg</Key><LastModified>2024-05-02T00:00:00.000Z</LastModified><ETag>&#34;5d41402abc4b2a76b9719d911017c592-2&#34;</ETag>" +
  "<Size>0</Size><Owner><ID></ID><DisplayName></DisplayName></Owner><StorageClass>REDUCED_REDUNDANCY</StorageClass></Contents>" +
  "<CommonPrefixes><Prefix>2024/01/</Prefix></CommonPrefixes>" +
  "</ListBucketResult>";

/** AWS-style ListObjectsV2 (pretty-printed, `&quot;`), complete. */
export const V2_AWS = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult ${XMLNS}>
  <Name>example-bucket</Name>
  <Prefix></Prefix>
  <KeyCount>2</KeyCount>
  <MaxKeys>1000</MaxKeys>
  <IsTruncated>false</IsTruncated>
  <Contents>
    <Key>ExampleObject.txt</Key>
    <LastModified>2013-09-17T18:07:53.000Z</LastModified>
    <ETag>&quot;599bab3ed2c697f1d26842727561fd94&quot;</ETag>
    <ChecksumAlgorithm>CRC32</ChecksumAlgorithm>
    <Size>857</Size>
    <StorageClass>REDUCED_REDUNDANCY</StorageClass>
  </Contents>
  <Contents>
    <Key>my-image.jpg</Key>
    <LastModified>2009-10-12T17:50:30.000Z</LastModified>
    <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
    <Size>434234</Size>
    <StorageClass>STANDARD</StorageClass>
    <RestoreStatus><IsRestoreInProgress>false</IsRestoreInProgress></RestoreStatus>
  </Contents>
</ListBucketResult>
`;

/** MinIO ListObjectsV2 with `metadata=true` (user metadata and tags). */
export const V2_USER_META = DECL +
  `<ListBucketResult ${XMLNS}><Name>docs</Name><Prefix></Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>` +
  "<Contents><Key>report.pdf</Key><LastModified>2024-01-31T23:59:59.999Z</LastModified><ETag>&#34;e4d909c290d0fb1ca068ffaddf22cbd0&#34;</ETag><Size>2048</Size>" +
  "<Owner><ID>02d6176db174dc93cb1b899f7c6078f08654445fe8cf1b6ce98d8855f66bdbf4</ID><DisplayName>minio</DisplayName></Owner><StorageClass>STANDARD</StorageClass>" +
  "<UserMetadata><X-Amz-Meta-Author>Zoë &lt;zoe@example.com&gt;</X-Amz-Meta-Author><X-Amz-Meta-Project>q1</X-Amz-Meta-Project>" +
  "<content-type>application/pdf</content-type><expires>Mon, 01 Jan 2024 00:00:00 GMT</expires></UserMetadata>" +
  "<UserTags>team=data&amp;stage=final+draft&amp;note=a%2Bb%3Dc</UserTags>" +
  "<Internal><K>2</K><M>2</M></Internal></Contents>" +
  "<Contents><Key>empty-meta</Key><LastModified>2024-01-31T00:00:00.000Z</LastModified><ETag>&#34;d41d8cd98f00b204e9800998ecf8427e&#34;</ETag><Size>0</Size>" +
  "<StorageClass>STANDARD</StorageClass><UserMetadata></UserMetadata></Contents>" +
  "</ListBucketResult>";

/** ListObjects V1, truncated, without NextMarker (no delimiter). */
export const V1_NO_NEXT_MARKER = DECL +
  `<ListBucketResult ${XMLNS}><Name>logs</Name><Prefix></Prefix><Marker>2023/</Marker><MaxKeys>2</MaxKeys><Delimiter></Delimiter><IsTruncated>true</IsTruncated>` +
  "<Contents><Key>2023/01.log</Key><LastModified>2023-01-01T00:00:00.000Z</LastModified><ETag>&#34;aa&#34;</ETag><Size>10</Size><StorageClass>STANDARD</StorageClass></Contents>" +
  "<Contents><Key>2023/02.log</Key><LastModified>2023-02-01T00:00:00.000Z</LastModified><ETag>&#34;bb&#34;</ETag><Size>20</Size><StorageClass>STANDARD</StorageClass></Contents>" +
  "</ListBucketResult>";

/** ListObjects V1 with a delimiter, truncated, with NextMarker; a prefix sorts after the last key. */
export const V1_NEXT_MARKER = DECL +
  `<ListBucketResult ${XMLNS}><Name>logs</Name><Prefix></Prefix><Marker></Marker><NextMarker>b/</NextMarker><MaxKeys>3</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>` +
  "<Contents><Key>a.txt</Key><LastModified>2023-01-01T00:00:00.000Z</LastModified><ETag>&#34;aa&#34;</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>" +
  "<Contents><Key>ab.txt</Key><LastModified>2023-01-01T00:00:00.000Z</LastModified><ETag>&#34;ab&#34;</ETag><Size>2</Size><StorageClass>STANDARD</StorageClass></Contents>" +
  "<CommonPrefixes><Prefix>b/</Prefix></CommonPrefixes>" +
  "</ListBucketResult>";

/** ListObjectVersions with versions, a delete marker and a prefix; truncated. */
export const VERSIONS = DECL +
  `<ListVersionsResult ${XMLNS}><Name>vb</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker>` +
  "<NextKeyMarker>doc.txt</NextKeyMarker><NextVersionIdMarker>0a1b2c3d-0000-4000-8000-000000000001</NextVersionIdMarker>" +
  "<MaxKeys>3</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>" +
  "<DeleteMarker><Key>doc.txt</Key><LastModified>2024-03-03T03:03:03.000Z</LastModified>" +
  "<Owner><ID>owner-id</ID><DisplayName>owner</DisplayName></Owner><IsLatest>true</IsLatest><VersionId>0a1b2c3d-0000-4000-8000-000000000003</VersionId></DeleteMarker>" +
  "<Version><Key>doc.txt</Key><LastModified>2024-02-02T02:02:02.000Z</LastModified><ETag>&#34;cc&#34;</ETag><Size>7</Size>" +
  "<Owner><ID>owner-id</ID><DisplayName>owner</DisplayName></Owner><StorageClass>STANDARD</StorageClass><IsLatest>false</IsLatest>" +
  "<VersionId>0a1b2c3d-0000-4000-8000-000000000002</VersionId></Version>" +
  "<Version><Key>doc.txt</Key><LastModified>2024-01-01T01:01:01.000Z</LastModified><ETag>&#34;dd&#34;</ETag><Size>5</Size>" +
  "<StorageClass>STANDARD</StorageClass><IsLatest>false</IsLatest><VersionId>null</VersionId></Version>" +
  "<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes>" +
  "</ListVersionsResult>";

/** Keys needing URL encoding, as MinIO sends them with `encoding-type=url`. */
export const ENCODED_KEYS = [
  { raw: "with space.txt", sent: "with+space.txt" },
  { raw: "plus+sign.txt", sent: "plus%2Bsign.txt" },
  { raw: "100% real.txt", sent: "100%25+real.txt" },
  { raw: "unicode/€uro-日本-😀.txt", sent: "unicode/%E2%82%ACuro-%E6%97%A5%E6%9C%AC-%F0%9F%98%80.txt" },
  { raw: "line\nbreak", sent: "line%0Abreak" },
  { raw: "a&b<c>'\"", sent: "a%26b%3Cc%3E%27%22" },
  { raw: "slash/~tilde*star", sent: "slash/~tilde*star" },
];

/** A V2 page of {@link ENCODED_KEYS}, URL-encoded, truncated. */
export const V2_ENCODED = DECL +
  `<ListBucketResult ${XMLNS}><Name>enc</Name><Prefix>pre+fix%2F</Prefix><StartAfter>start+after</StartAfter>` +
  "<NextContinuationToken>a+b%2Fc=</NextContinuationToken><KeyCount>8</KeyCount><MaxKeys>8</MaxKeys><Delimiter>%2F</Delimiter><IsTruncated>true</IsTruncated>" +
  ENCODED_KEYS.map((k) => `<Contents><Key>${k.sent}</Key><LastModified>2024-05-01T00:00:00.000Z</LastModified><ETag>&#34;00&#34;</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>`).join("") +
  "<CommonPrefixes><Prefix>dir+with+spaces%2B/</Prefix></CommonPrefixes>" +
  "<EncodingType>url</EncodingType></ListBucketResult>";

/** Keys MinIO sends XML-escaped when no URL encoding was asked for. */
export const V2_XML_ESCAPED = DECL +
  `<ListBucketResult ${XMLNS}><Name>esc</Name><IsTruncated>false</IsTruncated>` +
  "<Contents><Key>line&#xA;break</Key><Size>1</Size></Contents>" +
  "<Contents><Key>tab&#x9;and&#34;quote&#39;s &amp; &lt;tags&gt;</Key><Size>2</Size></Contents>" +
  "<Contents><Key>plus+stays+plus and %41</Key><Size>3</Size></Contents>" +
  "<Contents><Key><![CDATA[cdata & <raw>]]></Key><Size>4</Size></Contents>" +
  "<Contents><Key>€ &#8364; &#x1F600;</Key><Size>5</Size></Contents>" +
  "</ListBucketResult>";

/** An S3 error document. */
export const ERROR_NO_SUCH_BUCKET = DECL +
  "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><Key></Key><BucketName>nope</BucketName>" +
  "<Resource>/nope</Resource><Region>us-east-1</Region><RequestId>17A1B2C3D4E5F607</RequestId>" +
  "<HostId>dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8</HostId></Error>";

/** ListBuckets (MinIO). */
export const LIST_BUCKETS = DECL +
  `<ListAllMyBucketsResult ${XMLNS}><Owner><ID>02d6176db174dc93cb1b899f7c6078f08654445fe8cf1b6ce98d8855f66bdbf4</ID><DisplayName>minio</DisplayName></Owner>` +
  "<Buckets><Bucket><Name>alpha</Name><CreationDate>2024-05-01T12:00:00.123Z</CreationDate></Bucket>" +
  "<Bucket><Name>beta</Name><CreationDate>2019-10-12T17:50:30.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>";
