using System.Buffers.Binary;
using Bogus;

namespace NotifyContract.Generators.Values;

/// <summary>
/// What a Terraform engine really sends. Bogus builds pools once from a fixed seed (so they never depend on the run),
/// and a case picks from them with its <see cref="Draws"/> (seeded by FsCheck): a run's seed replays byte for byte,
/// and a case costs no Faker construction.
/// </summary>
internal static class Realistic
{
    public const string TracerTagKey = "SERVICE_CATALOG_TERRAFORM_INTEGRATION-DO_NOT_DELETE";
    const int PoolSeed = 20151210; // the API version's date: any fixed number would do
    const string LowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";

    static readonly Faker Faker = new() { Random = new Randomizer(PoolSeed) };

    static string[] Pool(int size, Func<Faker, string> make) => Enumerable.Range(0, size).Select(_ => make(Faker)).ToArray();

    /// <summary>Encrypted engine payloads: base64 of 0.5 to 3 KB.</summary>
    public static readonly string[] WorkflowTokens = Pool(64, f => Convert.ToBase64String(f.Random.Bytes(f.Random.Int(512, 3072))));

    public static readonly string[] FailureReasons = Pool(128, f => f.PickRandom(
        $"Error: creating EC2 Instance: operation error EC2: RunInstances, https response error StatusCode: 400, RequestID: {f.Random.Guid()}, api error InvalidAMIID.NotFound: The image id '[ami-{f.Random.Hexadecimal(17, "")}]' does not exist",
        $"Error: creating S3 Bucket ({f.Internet.DomainWord()}-{f.Random.AlphaNumeric(8)}): BucketAlreadyExists\n\n  with aws_s3_bucket.{f.Hacker.Noun().Replace(' ', '_')},\n  on main.tf line {f.Random.Int(1, 300)}:",
        $"Error: Invalid value for variable\n\n  on variables.tf line {f.Random.Int(1, 80)}:\n\tThe value \"{f.Lorem.Word()}\" is not allowed.",
        $"terraform apply exited with code 1: {f.Hacker.Phrase()}",
        $"Error: waiting for RDS DB Instance ({f.Internet.DomainWord()}) create: timeout while waiting for state to become 'available' (last state: 'creating', timeout: 40m0s)",
        $"Échec du déploiement : {f.Lorem.Sentence()} — ressource « {f.Lorem.Word()} » introuvable"));

    public static readonly string[] OutputKeys = Pool(64, f => f.PickRandom("instance_id", "vpc_id", "subnet_ids", "bucket_arn",
        "bucket_name", "db_endpoint", "security_group_id", "lambda_function_arn", "public_ip", "cluster_name") + f.PickRandom("", "", "_" + f.Random.Int(1, 9)));

    public static readonly string[] OutputValues = Pool(128, f => f.PickRandom(
        $"i-{f.Random.Hexadecimal(17, "")}",
        $"vpc-{f.Random.Hexadecimal(17, "")}",
        $"arn:aws:s3:::{f.Internet.DomainWord()}-{f.Random.AlphaNumeric(6)}",
        $"arn:aws:lambda:us-east-1:{f.Random.ReplaceNumbers("############")}:function:{f.Hacker.Verb()}",
        f.Internet.Ip(),
        $"{f.Internet.DomainWord()}.{f.Random.AlphaNumeric(12)}.us-east-1.rds.amazonaws.com:5432",
        $"[\"subnet-{f.Random.Hexadecimal(8, "")}\",\"subnet-{f.Random.Hexadecimal(8, "")}\"]"));

    public static readonly string[] Descriptions = Pool(64, f => f.PickRandom(
        $"The ID of the {f.Hacker.Noun()}", $"ARN of the {f.Commerce.ProductName()} resource", f.Lorem.Sentence(), ""));

    /// <summary>A version-4 UUID, as SDKs fill an idempotency token.</summary>
    public static string Uuid(Draws d)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, d.Next());
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], d.Next());
        bytes[7] = (byte)(bytes[7] & 0x0F | 0x40); // version 4 (the high nibble of the third group)
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString("D");
    }

    /// <summary>A prefix and <paramref name="length"/> base-36 characters.</summary>
    static string Id(Draws d, string prefix, int length) => string.Create(prefix.Length + length, (d, prefix), (span, state) =>
    {
        state.prefix.CopyTo(span);
        for (var i = state.prefix.Length; i < span.Length; i++) span[i] = LowerAlnum[state.d.Below(LowerAlnum.Length)];
    });

    /// <summary>A record id shaped like Service Catalog's (<c>rec-</c> and 13 characters).</summary>
    public static string RecordId(Draws d) => Id(d, "rec-", 13);

    /// <summary>A provisioned product id (<c>pp-abcdefgh12345</c>), the tracer tag's value.</summary>
    public static string ProvisionedProductId(Draws d) => Id(d, "pp-", 13);
}
