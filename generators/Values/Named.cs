using Bogus;
using NotifyContract.Generators.Contract;

namespace NotifyContract.Generators.Values;

/// <summary>
/// Realistic values for members whose names say what they hold (<c>SupportEmail</c>, <c>RoleArn</c>, <c>AccountId</c>,
/// <c>DisplayName</c>, ...), for the valid requests of every operation. Bogus builds each pool once from a fixed seed;
/// a member takes the values of the first hint its name matches that are valid for it under every reading (length in
/// code points and UTF-16 units, both patterns), and none when none is (it then gets values built from its pattern or
/// its characters). Resource ids are not pooled: <see cref="FreshId"/> makes one per case, so a valid request names
/// nothing that exists.
/// </summary>
internal static class Named
{
    const int PoolSeed = 20151210;
    const string LowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";

    static readonly Faker Faker = new() { Random = new Randomizer(PoolSeed) };

    static string[] Pool(int size, Func<Faker, string> make) =>
        Enumerable.Range(0, size).Select(_ => make(Faker)).ToArray();

    static string Account(Faker f) => f.Random.ReplaceNumbers("############");

    static string Region(Faker f) =>
        f.PickRandom("us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1");

    static string Slug(string words) =>
        new string([.. words.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');

    /// <summary>Which member gets which pool, first match wins: the name (or the shape's name) says it.</summary>
    static readonly (Func<string, bool> Says, string[] Values)[] Hints =
    [
        (n => n.Contains("Email"), Pool(32, f => f.Internet.Email())),
        (n => n.Contains("Url") || n.Contains("URL"), Pool(32, f => $"https://{f.Internet.DomainName()}/{f.Internet.DomainWord()}/template.yaml")),
        (n => n.EndsWith("RoleArn") || n == "RoleArn", Pool(32, f => $"arn:aws:iam::{Account(f)}:role/{Slug(f.Hacker.Noun())}-launch")),
        (n => n.Contains("NotificationArn"), Pool(32, f => $"arn:aws:sns:{Region(f)}:{Account(f)}:{Slug(f.Hacker.Noun())}-events")),
        (n => n.Contains("ConnectionArn"), Pool(32, f => $"arn:aws:codestar-connections:{Region(f)}:{Account(f)}:connection/{f.Random.Guid()}")),
        (n => n.EndsWith("Arn") || n.EndsWith("ARN"), Pool(32, f => $"arn:aws:catalog:{Region(f)}:{Account(f)}:product/prod-{f.Random.String2(13, LowerAlnum)}")),
        (n => n.Contains("AccountId") || n == "StackSetAccounts", Pool(32, Account)),
        (n => n.Contains("Region"), Pool(12, Region)),
        (n => n == "AcceptLanguage", ["en", "jp", "zh"]),
        (n => n.Contains("Description"), Pool(48, f => f.Lorem.Sentence())),
        (n => n is "ProviderName" or "Owner" or "Distributor" or "SupportDescription", Pool(32, f => f.Company.CompanyName())),
        (n => n.EndsWith("Key"), Pool(32, f => f.PickRandom("CostCenter", "Environment", "Team", "Project", "Owner") + f.PickRandom("", "", ":" + f.Random.Int(1, 9)))),
        (n => n.EndsWith("Value") || n == "Value", Pool(32, f => f.PickRandom(f.Commerce.Department(), f.Internet.DomainWord(), f.Random.Int(100, 999).ToString()))),
        (n => n.EndsWith("Name") && !n.Contains("Provisioned"), Pool(48, f => f.Commerce.ProductName())),
        (n => n.Contains("Name"), Pool(48, f => Slug(f.Commerce.ProductName()))),
        (n => n.Contains("Version") || n == "Guidance", Pool(16, f => $"v{f.System.Semver()}")),
    ];

    /// <summary>Pages are the server's to hand out: a made-up token is refused as bad input, so no request carries one.</summary>
    public static bool ServerIssued(Member m) => m.Name is "PageToken" || m.Name.EndsWith("PageToken");

    /// <summary>The pool for a member (its name, then its path from the operation, then its shape's name decide), less
    /// the values invalid for it; empty when no hint applies or none of its values fits.</summary>
    public static string[] For(Member m, Func<Member, string, bool> fits) => Pools.GetOrAdd(m, _ =>
    {
        // A list's item or a map's entry is named by its container: `NotificationArns.member` holds ARNs.
        var segments = m.Path.Split('.');
        var name = m.Name is "member" or "key" or "value" && segments.Length > 1 ? segments[^2] : m.Name;
        foreach (var (says, values) in Hints)
            if (says(name) || says(m.Shape))
                return [.. values.Where(v => fits(m, v))];
        return [];
    });

    static readonly System.Collections.Concurrent.ConcurrentDictionary<Member, string[]> Pools =
        new(ReferenceEqualityComparer.Instance);

    /// <summary>The prefix Service Catalog gives an id of each kind (<c>port-</c>, <c>prod-</c>, ...), by member name.</summary>
    static readonly (string Name, string Prefix)[] IdPrefixes =
    [
        ("Portfolio", "port-"), ("ProvisionedProduct", "pp-"), ("ProvisioningArtifact", "pa-"), ("Product", "prod-"),
        ("Record", "rec-"), ("Constraint", "cons-"), ("TagOption", "tag-"), ("ServiceAction", "act-"),
        ("Plan", "pp-plan-"), ("Budget", "budget-"), ("Path", "lpv2-"), ("CopyProductToken", "copyproduct-"),
    ];

    /// <summary>Whether a member holds a resource id (the model's <c>Id</c> shape, or a name ending in <c>Id</c>).</summary>
    public static bool IsId(Member m) => m.Shape == "Id" || m.Name.EndsWith("Id") && m.Type == MemberType.String;

    /// <summary>A fresh id for the member: its kind's prefix and 13 base-36 characters drawn for this case.</summary>
    public static string FreshId(Member m, Draws d)
    {
        var prefix = IdPrefixes.FirstOrDefault(p => m.Name.StartsWith(p.Name, StringComparison.Ordinal)).Prefix ?? "id-";
        return string.Create(prefix.Length + 13, (d, prefix), (span, state) =>
        {
            state.prefix.CopyTo(span);
            for (var i = state.prefix.Length; i < span.Length; i++) span[i] = LowerAlnum[state.d.Below(LowerAlnum.Length)];
        });
    }
}
