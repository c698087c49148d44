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

    static string[] Pool(int size, Func<Faker, string> make) =>
        Enumerable.Range(0, size).Select(_ => make(Faker)).ToArray();

    /// <summary>Encrypted engine payloads: base64 of 0.5 to 3 KB.</summary>
    public static readonly string[] WorkflowTokens = Pool(64,
        f => Convert.ToBase64String(f.Random.Bytes(f.Random.Int(512, 3072))));

    /// <summary>A Terraform error block as the CLI prints it (box-drawing frame, CRLF or LF, tabs, non-ASCII text).</summary>
    static string Block(Faker f, string newline) => string.Join(newline,
        "\u2577",
        $"\u2502 Error: {f.PickRandom(
            $"creating S3 Bucket ({f.Internet.DomainWord()}-{f.Random.AlphaNumeric(8)}): BucketAlreadyExists",
            $"creating EC2 Instance: operation error EC2: RunInstances, https response error StatusCode: 400, RequestID: {f.Random.Guid()}, api error InvalidAMIID.NotFound: The image id '[ami-{f.Random.Hexadecimal(17, "")}]' does not exist",
            $"waiting for RDS DB Instance ({f.Internet.DomainWord()}) create: timeout while waiting for state to become 'available' (last state: 'creating', timeout: 40m0s)",
            $"Invalid value for variable \u00AB{f.Lorem.Word()}\u00BB: \u00E9chec de validation \u2014 \u201C{f.Lorem.Sentence()}\u201D",
            $"\u30EA\u30BD\u30FC\u30B9\u300C{f.Lorem.Word()}\u300D\u304C\u898B\u3064\u304B\u308A\u307E\u305B\u3093 \u26A0\uFE0F \u2714\uFE0F \u270C\uFE0F")}",
        "\u2502 ",
        $"\u2502   with aws_s3_bucket.{f.Hacker.Noun().Replace(' ', '_')},",
        $"\u2502   on main.tf line {f.Random.Int(1, 300)}, in resource \"aws_s3_bucket\" \"b\":",
        $"\u2502 \t{f.Random.Int(1, 300)}: resource \"aws_s3_bucket\" \"b\" {{",
        "\u2575");

    /// <summary>
    /// The Python engine's cut (aws-samples/service-catalog-engine-for-terraform-os, notify/errors.py): the first
    /// 2,045 code points and <c>...</c>, 2,048 code points in all (counted here, never splitting a surrogate pair).
    /// </summary>
    public static string Cut(string message)
    {
        if (Unicode.CodePoints(message) <= 2048) return message;
        var (units, points) = (0, 0);
        for (; points < 2045; points++) units += char.IsHighSurrogate(message[units]) ? 2 : 1;
        return message[..units] + "...";
    }

    /// <summary>
    /// Failure reasons as engines send them: one-line API errors, Terraform's framed stderr (CRLF or LF, tabs,
    /// non-ASCII text), and long stderr cut at 2,045 code points plus <c>...</c>. Only BMP characters: a base must be
    /// valid under every reading, and the current model's pattern (matched whole) refuses anything outside the BMP.
    /// </summary>
    public static readonly string[] FailureReasons = Pool(128, f => f.Random.Int(0, 3) switch
    {
        0 => $"terraform apply exited with code 1: {f.Hacker.Phrase()}",
        1 => Block(f, f.PickRandom("\n", "\r\n")),
        2 => $"\u00C9chec du d\u00E9ploiement : {f.Lorem.Sentence()} \u2014 ressource \u00AB {f.Lorem.Word()} \u00BB introuvable",
        _ => Cut(string.Concat(Enumerable.Range(0, 12).Select(_ => Block(f, "\n") + "\n"))),
    });

    /// <summary>Engine stderr holding emoji outside the BMP (both engines pass them through): pattern edges, not bases.</summary>
    public static readonly string[] EmojiFailureReasons =
    [
        "\u2577\r\n\u2502 Error: deploy failed \u270C\U0001F3FD\r\n\u2502 \tretry with \U0001F680 later\r\n\u2575",
        "Error: Bucket \u00AB\U0001F4E6-artefacts\u00BB not found \U0001F1EB\U0001F1F7\n\ton main.tf line 12 \U0001F468\u200D\U0001F469\u200D\U0001F467",
    ];

    public static readonly string[] OutputKeys = Pool(64, f => f.PickRandom("instance_id", "vpc_id", "subnet_ids", "bucket_arn",
        "bucket_name", "db_endpoint", "security_group_id", "lambda_function_arn", "public_ip", "cluster_name")
        + f.PickRandom("", "", "_" + f.Random.Int(1, 9)));

    /// <summary>
    /// Output values as the Python engine renders Terraform outputs (Python <c>str()</c>): strings, lists and maps in
    /// Python's form, booleans as <c>False</c>, empty strings, sensitive values masked.
    /// </summary>
    public static readonly string[] OutputValues = Pool(128, f => f.PickRandom(
        $"i-{f.Random.Hexadecimal(17, "")}",
        $"vpc-{f.Random.Hexadecimal(17, "")}",
        $"arn:aws:s3:::{f.Internet.DomainWord()}-{f.Random.AlphaNumeric(6)}",
        $"arn:aws:lambda:us-east-1:{f.Random.ReplaceNumbers("############")}:function:{f.Hacker.Verb()}",
        f.Internet.Ip(),
        $"{f.Internet.DomainWord()}.{f.Random.AlphaNumeric(12)}.us-east-1.rds.amazonaws.com:5432",
        $"['subnet-{f.Random.Hexadecimal(8, "")}', 'subnet-{f.Random.Hexadecimal(8, "")}']",
        $"{{'Name': '{f.Internet.DomainWord()}', 'Owner': '{f.Internet.UserName()}'}}",
        f.PickRandom("False", "True", "", "(sensitive value)", "[]", "None"),
        f.Random.Int(1, 65535).ToString()));

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
