using System.Security.Cryptography;
using System.Text;

namespace NotifyContract.Generators.Contract;

/// <summary>
/// Identifies the contract model the cases are generated from: a hash of every operation's members and
/// constraints. A snapshot names it, so one taken under another model is refused instead of compared case by case.
/// </summary>
public static class ContractVersion
{
    public static readonly string Current = Of(ServiceCatalog.Operations);

    /// <summary><c>model-</c> and 12 hex digits of SHA-256 over a canonical text of the operations.</summary>
    public static string Of(IEnumerable<Operation> operations)
    {
        var text = new StringBuilder();
        foreach (var op in operations)
        {
            text.Append("op ").Append(op.Name).Append(' ').Append(op.Tag).Append('\n');
            foreach (var m in op.AllMembers())
                text.Append($"  {m.Path} {m.Type} required={m.Required} min={m.MinLength} max={m.MaxLength}")
                    .Append($" page={m.Pattern?.Page.Regex} model={m.Pattern?.Model.Regex}")
                    .Append($" enum={string.Join('|', m.Enum ?? [])}\n");
        }
        return "model-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }
}
