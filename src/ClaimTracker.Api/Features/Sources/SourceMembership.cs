using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Sources;

public static class SourceMembership
{
    // The source named by 'memberOf' (a slug), refusing one that would close a cycle: a source that is, directly or
    // through others, a member of the source being changed.
    public static async Task<Source?> ResolveMemberOfAsync(this ClaimTrackerDbContext db, Guid? member, string? slug, CancellationToken ct)
    {
        if (slug is null) return null;
        var group = await db.Sources.FirstOrDefaultAsync(s => s.Slug == slug, ct)
            ?? throw new MissingReferenceException("memberOf", $"No source has slug '{slug}'.");
        if (member is not { } id) return group;
        var above = await db.Database.SqlQuery<Guid>($"""
            WITH RECURSIVE up(id, member_of_id) AS (
                SELECT id, member_of_id FROM sources WHERE id = {group.Id}
              UNION
                SELECT s.id, s.member_of_id FROM sources s JOIN up ON s.id = up.member_of_id
            )
            SELECT id AS "Value" FROM up
            """).ToListAsync(ct);
        if (above.Contains(id))
            throw new ValidationException([new ValidationFailure("memberOf", $"'{slug}' is already, directly or not, a member of this source: memberOf cannot form a cycle.")]);
        return group;
    }
}
