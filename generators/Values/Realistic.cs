using Bogus;
using FsCheck;
using FsCheck.Fluent;

namespace NotifyContract.Generators.Values;

/// <summary>
/// What a Terraform engine really sends. Bogus builds pools once from a fixed seed (so they never depend on the run),
/// and FsCheck picks from them: a run's seed replays byte for byte, and a case costs no Faker construction.
/// </summary>
internal static class Realistic
{
    public const string TracerTagKey = "SERVICE_CATALOG_TERRAFORM_INTEGRATION-DO_NOT_DELETE";
    const int PoolSeed = 20151210; // the API version's date: any fixed number would do
    const string LowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";

    static readonly Faker Faker = new() { Random = new Randomizer(PoolSeed) };

    static string[] Pool(int size, Func<Faker, string> make) => Enumerable.Range(0, size).Select(_ => make(Faker)).ToArray();

    /// <summary>Encrypted engine payloads: base64 of 0.5 to 3 KB.</summary>
    static readonly string[] WorkflowTokenPool = Pool(64, f => Convert.ToBase64String(f.Random.Bytes(f.Random.Int(512, 3072))));

    static readonly string[] FailureReasonPool = Pool(128, f => f.PickRandom(
        $"Error: creating EC2 Instance: operation error EC2: RunInstances, https response error StatusCode: 400, RequestID: {f.Random.Guid()}, api error InvalidAMIID.NotFound: The image id '[ami-{f.Random.Hexadecimal(17, "")}]' does not exist",
        $"Error: creating S3 Bucket ({f.Internet.DomainWord()}-{f.Random.AlphaNumeric(8)}): BucketAlreadyExists\n\n  with aws_s3_bucket.{f.Hacker.Noun().Replace(' ', '_')},\n  on main.tf line {f.Random.Int(1, 300)}:",
        $"Error: Invalid value for variable\n\n  on variables.tf line {f.Random.Int(1, 80)}:\n\tThe value \"{f.Lorem.Word()}\" is not allowed.",
        $"terraform apply exited with code 1: {f.Hacker.Phrase()}",
        $"Error: waiting for RDS DB Instance ({f.Internet.DomainWord()}) create: timeout while waiting for state to become 'available' (last state: 'creating', timeout: 40m0s)",
        $"Échec du déploiement : {f.Lorem.Sentence()} — ressource « {f.Lorem.Word()} » introuvable"));

    static readonly string[] OutputKeyPool = Pool(64, f => f.PickRandom("instance_id", "vpc_id", "subnet_ids", "bucket_arn",
        "bucket_name", "db_endpoint", "security_group_id", "lambda_function_arn", "public_ip", "cluster_name") + f.PickRandom("", "", "_" + f.Random.Int(1, 9)));

    static readonly string[] OutputValuePool = Pool(128, f => f.PickRandom(
        $"i-{f.Random.Hexadecimal(17, "")}",
        $"vpc-{f.Random.Hexadecimal(17, "")}",
        $"arn:aws:s3:::{f.Internet.DomainWord()}-{f.Random.AlphaNumeric(6)}",
        $"arn:aws:lambda:us-east-1:{f.Random.ReplaceNumbers("############")}:function:{f.Hacker.Verb()}",
        f.Internet.Ip(),
        $"{f.Internet.DomainWord()}.{f.Random.AlphaNumeric(12)}.us-east-1.rds.amazonaws.com:5432",
        $"[\"subnet-{f.Random.Hexadecimal(8, "")}\",\"subnet-{f.Random.Hexadecimal(8, "")}\"]"));

    static readonly string[] DescriptionPool = Pool(64, f => f.PickRandom(
        $"The ID of the {f.Hacker.Noun()}", $"ARN of the {f.Commerce.ProductName()} resource", f.Lorem.Sentence(), ""));

    public static readonly Gen<string> WorkflowToken = Gen.Elements(WorkflowTokenPool);
    public static readonly Gen<string> FailureReason = Gen.Elements(FailureReasonPool);
    public static readonly Gen<string> OutputKey = Gen.Elements(OutputKeyPool);
    public static readonly Gen<string> OutputValue = Gen.Elements(OutputValuePool);
    public static readonly Gen<string> Description = Gen.Elements(DescriptionPool);

    /// <summary>A version-4 UUID, as SDKs fill an idempotency token.</summary>
    public static readonly Gen<string> Uuid =
        from a in Gen.Choose(0, int.MaxValue)
        from b in Gen.Choose(0, int.MaxValue)
        from c in Gen.Choose(0, int.MaxValue)
        from d in Gen.Choose(0, int.MaxValue)
        select new Guid(a, (short)b, (short)(b >> 16 & 0x0FFF | 0x4000), (byte)(c & 0x3F | 0x80), (byte)(c >> 8),
            (byte)(c >> 16), (byte)(c >> 24), (byte)d, (byte)(d >> 8), (byte)(d >> 16), (byte)(d >> 24)).ToString("D");

    /// <summary>A prefix and <paramref name="length"/> base-36 characters, from three draws (one per character is slow).</summary>
    static Gen<string> Id(string prefix, int length) =>
        from a in Gen.Choose(0, int.MaxValue)
        from b in Gen.Choose(0, int.MaxValue)
        from c in Gen.Choose(0, int.MaxValue)
        select prefix + string.Create(length, (UInt128)(uint)a << 62 | (UInt128)(uint)b << 31 | (uint)c, (span, bits) =>
        {
            for (var i = 0; i < span.Length; i++) (bits, span[i]) = (bits / 36, LowerAlnum[(int)(bits % 36)]);
        });

    /// <summary>A record id shaped like Service Catalog's (<c>rec-</c> and 13 characters).</summary>
    public static readonly Gen<string> RecordId = Id("rec-", 13);

    /// <summary>A provisioned product id (<c>pp-abcdefgh12345</c>), the tracer tag's value.</summary>
    public static readonly Gen<string> ProvisionedProductId = Id("pp-", 13);
}
