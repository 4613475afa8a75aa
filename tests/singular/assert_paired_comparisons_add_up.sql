-- fct_paired_comparisons (HAL-X4): each pair appears once, oriented so that
-- A sorts first by (config_key, agent_config_id); a binary pair's four
-- cells add up to n_shared and its diff is (n10 - n01) / n_shared; a pair
-- without shared tasks has type none and no diff. Returns each breaking row.
with

paired_comparisons as (
    select
        paired_comparison_id,
        agent_config_id_a,
        agent_config_id_b,
        config_key_a,
        config_key_b,
        comparison_type,
        n_shared,
        n11,
        n10,
        n01,
        n00,
        diff
    from {{ ref('fct_paired_comparisons') }}
),

final as (
    select
        paired_comparison_id,
        comparison_type,
        n_shared,
        diff
    from paired_comparisons
    where
        not (
            config_key_a < config_key_b
            or (
                config_key_a = config_key_b
                and agent_config_id_a < agent_config_id_b
            )
        )
        or (
            comparison_type = 'binary'
            and (
                n11 + n10 + n01 + n00 != n_shared
                or abs(diff - cast(n10 - n01 as double) / n_shared) > 1e-12
            )
        )
        or (comparison_type = 'none' and (n_shared != 0 or diff is not null))
        or (comparison_type != 'none' and n_shared = 0)
)

select * from final
