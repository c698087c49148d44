using System.Collections;

namespace NotifyContract.Generators.Requests;

/// <summary>
/// A rule's boundary cases, rendered each time they are read and never held: a run of every operation has some 29,000
/// of them, up to tens of kilobytes each, and holding them all made memory grow with the number of operations. Rendering
/// is deterministic (boundary cases never depend on the seed), so every read gives the same bytes. Built once to keep
/// the drafts whose case is not a repeat of an earlier one (same id).
/// </summary>
internal sealed class BoundaryCases : IReadOnlyList<Case>
{
    readonly Draft[] drafts;

    public BoundaryCases(IEnumerable<Draft> drafts)
    {
        var ids = new HashSet<string>();
        this.drafts = [.. drafts.Where(d => ids.Add(d.Render().Id))];
    }

    public int Count => drafts.Length;

    public Case this[int index] => drafts[index].Render();

    public IEnumerator<Case> GetEnumerator() => drafts.Select(d => d.Render()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
