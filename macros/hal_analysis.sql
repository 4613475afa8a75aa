{#-
    HAL analysis helpers (shared/rules/hal.md sections 3 to 5): the value of
    one HAL-Q switch, the normal quantile of hal_ci_level (HAL-X2) and the
    frontier computation shared by every HAL frontier (HAL-14, HAL-15,
    HAL-18, HAL-X1), written once so that the per-benchmark and the per-model
    frontiers cannot drift apart.
-#}

{#- hal_analysis_setting(quirk_var, default_value, compat_value, allowed):
    compat_setting for one HAL-Q switch (a null switch follows
    hal_analysis_compat), with a compile error naming the var when the value
    is not one of `allowed`. -#}
{% macro hal_analysis_setting(quirk_var, default_value, compat_value, allowed) -%}
    {%- set value = compat_setting(
        quirk_var, 'hal_analysis_compat', default_value, compat_value
    ) -%}
    {%- if value not in allowed -%}
        {{ exceptions.raise_compiler_error(
            "var " ~ quirk_var ~ " must be one of " ~ allowed | join(', ')
            ~ ", got " ~ value
        ) }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}

{#- hal_normal_quantile(level): HAL-X2's z, the two-sided normal quantile
    of a confidence level (1.959963984540054 at 0.95), from a table of the
    usual levels (values of scipy.stats.norm.ppf); another level is a
    compile error, since neither Jinja nor DuckDB has an inverse normal. -#}
{% macro hal_normal_quantile(level) -%}
    {%- set quantiles = {
        '0.5': 0.6744897501960817,
        '0.8': 1.2815515655446004,
        '0.9': 1.6448536269514722,
        '0.95': 1.959963984540054,
        '0.98': 2.3263478740408408,
        '0.99': 2.5758293035489004,
        '0.995': 2.807033768343811,
        '0.999': 3.2905267314919255
    } -%}
    {%- set key = level | string -%}
    {%- if key not in quantiles -%}
        {{ exceptions.raise_compiler_error(
            "hal_ci_level must be one of " ~ quantiles.keys() | join(', ')
            ~ ", got " ~ level
        ) }}
    {%- endif -%}
    {{ return(quantiles[key]) }}
{%- endmacro %}

{#- hal_frontier_ctes(input_cte, prefix, single_frontier_distance):
    comma-separated CTEs (the model's `with` must be `with recursive`) that
    turn the points of `input_cte` (columns frontier_group, point_key, x, y;
    minimise x, maximise y; one row per point) into `<prefix>_points`, one
    row per input point with

      x_normalised, y_normalised  HAL-15: (v - min) / (max - min) over the
                                  group's points, 0 for a zero range
      is_pareto_optimal           HAL-14: on the upper hull of the stack
                                  walk and non-dominated
      is_staircase_optimal        HAL-X1: non-dominated
      pareto_distance             HAL-15: 0 on the frontier, else the
                                  distance to the polyline of the frontier
                                  points sorted by x'; with one frontier
                                  point the distance to it (to_point) or 0
                                  (zero, HAL-Q2); null with fewer than 2
                                  points in the group
      n_points, n_frontier_points the group's counts (of points with both
                                  values; 0 when the group has none)

    A point with a null x or y is left out: null flags, normalised values
    and distance. The hull walk is the rule's stack algorithm run literally
    (a recursive CTE, one pop or push per step), so collinear and identical
    points come out as HAL-14 step 2 says. -#}
{% macro hal_frontier_ctes(input_cte, prefix, single_frontier_distance) -%}
    {%- if single_frontier_distance not in ['to_point', 'zero'] -%}
        {{ exceptions.raise_compiler_error(
            "hal_frontier_ctes: single_frontier_distance must be to_point or"
            ~ " zero, got " ~ single_frontier_distance
        ) }}
    {%- endif -%}
{{ prefix }}_valid as (
    select
        frontier_group,
        point_key,
        x,
        y,
        count(*) over (partition by frontier_group) as n_points,
        min(x) over (partition by frontier_group) as x_min,
        max(x) over (partition by frontier_group) as x_max,
        min(y) over (partition by frontier_group) as y_min,
        max(y) over (partition by frontier_group) as y_max,
        -- HAL-14 step 2: sorted by (x, y, point) and walked last to first
        row_number() over (
            partition by frontier_group
            order by x desc, y desc, point_key desc
        ) as walk_index
    from {{ input_cte }}
    where x is not null and y is not null
),

{{ prefix }}_walk (frontier_group, next_index, n_points, stack) as (
    select distinct
        frontier_group,
        cast(1 as bigint),
        n_points,
        cast([] as struct(point_key varchar, x double, y double) [])
    from {{ prefix }}_valid
    union all
    select
        walk.frontier_group,
        case
            when walk.is_pop then walk.next_index else walk.next_index + 1
        end,
        walk.n_points,
        case
            when walk.is_pop
                then list_slice(walk.stack, 1, len(walk.stack) - 1)
            else list_append(
                walk.stack,
                {'point_key': walk.point_key, 'x': walk.x, 'y': walk.y}
            )
        end
    from (
        select
            {{ prefix }}_walk.frontier_group,
            {{ prefix }}_walk.next_index,
            {{ prefix }}_walk.n_points,
            {{ prefix }}_walk.stack,
            {{ prefix }}_valid.point_key,
            {{ prefix }}_valid.x,
            {{ prefix }}_valid.y,
            -- pop while O (below top) and A (top) make a turn <= 0 with P
            coalesce(
                len({{ prefix }}_walk.stack) >= 2
                and (
                    struct_extract(list_extract({{ prefix }}_walk.stack, -1), 'x')
                    - struct_extract(list_extract({{ prefix }}_walk.stack, -2), 'x')
                )
                * (
                    {{ prefix }}_valid.y
                    - struct_extract(list_extract({{ prefix }}_walk.stack, -2), 'y')
                )
                - (
                    struct_extract(list_extract({{ prefix }}_walk.stack, -1), 'y')
                    - struct_extract(list_extract({{ prefix }}_walk.stack, -2), 'y')
                )
                * (
                    {{ prefix }}_valid.x
                    - struct_extract(list_extract({{ prefix }}_walk.stack, -2), 'x')
                )
                <= 0,
                false
            ) as is_pop
        from {{ prefix }}_walk
        inner join {{ prefix }}_valid
            on
                {{ prefix }}_walk.frontier_group = {{ prefix }}_valid.frontier_group
                and {{ prefix }}_walk.next_index = {{ prefix }}_valid.walk_index
    ) as walk
),

{{ prefix }}_hull as (
    select distinct
        frontier_group,
        struct_extract(hull_point, 'point_key') as point_key
    from (
        select
            frontier_group,
            unnest(stack) as hull_point
        from {{ prefix }}_walk
        where next_index = n_points + 1
    ) as hull_points
),

{{ prefix }}_flagged as (
    select
        {{ prefix }}_valid.frontier_group,
        {{ prefix }}_valid.point_key,
        {{ prefix }}_valid.x,
        {{ prefix }}_valid.y,
        {{ prefix }}_valid.n_points,
        case
            when {{ prefix }}_valid.x_max > {{ prefix }}_valid.x_min
                then ({{ prefix }}_valid.x - {{ prefix }}_valid.x_min)
                / ({{ prefix }}_valid.x_max - {{ prefix }}_valid.x_min)
            else cast(0 as double)
        end as x_normalised,
        case
            when {{ prefix }}_valid.y_max > {{ prefix }}_valid.y_min
                then ({{ prefix }}_valid.y - {{ prefix }}_valid.y_min)
                / ({{ prefix }}_valid.y_max - {{ prefix }}_valid.y_min)
            else cast(0 as double)
        end as y_normalised,
        {{ prefix }}_hull.point_key is not null as is_on_hull,
        not exists (
            select 1
            from {{ prefix }}_valid as others
            where
                others.frontier_group = {{ prefix }}_valid.frontier_group
                and others.x <= {{ prefix }}_valid.x
                and others.y >= {{ prefix }}_valid.y
                and (
                    others.x < {{ prefix }}_valid.x
                    or others.y > {{ prefix }}_valid.y
                )
        ) as is_staircase_optimal
    from {{ prefix }}_valid
    left join {{ prefix }}_hull
        on
            {{ prefix }}_valid.frontier_group = {{ prefix }}_hull.frontier_group
            and {{ prefix }}_valid.point_key = {{ prefix }}_hull.point_key
),

{{ prefix }}_optimal as (
    select
        *,
        is_on_hull and is_staircase_optimal as is_pareto_optimal,
        count(case when is_on_hull and is_staircase_optimal then 1 end)
            over (partition by frontier_group)
            as n_frontier_points
    from {{ prefix }}_flagged
),

-- the frontier polyline: consecutive frontier points in order of x'
{{ prefix }}_segments as (
    select
        frontier_group,
        x_normalised as a_x,
        y_normalised as a_y,
        lead(x_normalised) over {{ prefix }}_frontier_order as b_x,
        lead(y_normalised) over {{ prefix }}_frontier_order as b_y
    from {{ prefix }}_optimal
    where is_pareto_optimal
    window {{ prefix }}_frontier_order as (
        partition by frontier_group
        order by x_normalised, y_normalised, point_key
    )
),

{{ prefix }}_projections as (
    select
        {{ prefix }}_optimal.frontier_group,
        {{ prefix }}_optimal.point_key,
        {{ prefix }}_optimal.x_normalised as p_x,
        {{ prefix }}_optimal.y_normalised as p_y,
        {{ prefix }}_segments.a_x,
        {{ prefix }}_segments.a_y,
        coalesce({{ prefix }}_segments.b_x, {{ prefix }}_segments.a_x) as b_x,
        coalesce({{ prefix }}_segments.b_y, {{ prefix }}_segments.a_y) as b_y
    from {{ prefix }}_optimal
    inner join {{ prefix }}_segments
        on {{ prefix }}_optimal.frontier_group = {{ prefix }}_segments.frontier_group
    where
        not {{ prefix }}_optimal.is_pareto_optimal
        -- one frontier point: the point itself; else the segments only
        and (
            {{ prefix }}_optimal.n_frontier_points = 1
            or {{ prefix }}_segments.b_x is not null
        )
),

{{ prefix }}_clamped as (
    select
        *,
        greatest(
            cast(0 as double),
            least(
                cast(1 as double),
                coalesce(
                    ((p_x - a_x) * (b_x - a_x) + (p_y - a_y) * (b_y - a_y))
                    / nullif(
                        (b_x - a_x) * (b_x - a_x) + (b_y - a_y) * (b_y - a_y),
                        0
                    ),
                    0
                )
            )
        ) as t
    from {{ prefix }}_projections
),

{{ prefix }}_nearest as (
    select
        frontier_group,
        point_key,
        min(
            sqrt(
                (p_x - (a_x + t * (b_x - a_x))) * (p_x - (a_x + t * (b_x - a_x)))
                + (p_y - (a_y + t * (b_y - a_y))) * (p_y - (a_y + t * (b_y - a_y)))
            )
        ) as distance
    from {{ prefix }}_clamped
    group by frontier_group, point_key
),

{{ prefix }}_groups as (
    select
        frontier_group,
        max(n_points) as n_points,
        max(n_frontier_points) as n_frontier_points
    from {{ prefix }}_optimal
    group by frontier_group
),

{{ prefix }}_points as (
    select
        {{ input_cte }}.frontier_group,
        {{ input_cte }}.point_key,
        {{ input_cte }}.x,
        {{ input_cte }}.y,
        {{ prefix }}_optimal.x_normalised,
        {{ prefix }}_optimal.y_normalised,
        {{ prefix }}_optimal.is_pareto_optimal,
        {{ prefix }}_optimal.is_staircase_optimal,
        case
            when {{ prefix }}_optimal.point_key is null then null
            when {{ prefix }}_optimal.n_points < 2 then null
            when {{ prefix }}_optimal.is_pareto_optimal then cast(0 as double)
            {% if single_frontier_distance == 'zero' -%}
            -- HAL-Q2: fewer than 2 frontier points, every distance is 0
            when {{ prefix }}_optimal.n_frontier_points < 2
                then cast(0 as double)
            {% endif -%}
            else {{ prefix }}_nearest.distance
        end as pareto_distance,
        coalesce({{ prefix }}_groups.n_points, 0) as n_points,
        coalesce({{ prefix }}_groups.n_frontier_points, 0)
            as n_frontier_points
    from {{ input_cte }}
    left join {{ prefix }}_optimal
        on
            {{ input_cte }}.frontier_group = {{ prefix }}_optimal.frontier_group
            and {{ input_cte }}.point_key = {{ prefix }}_optimal.point_key
    left join {{ prefix }}_nearest
        on
            {{ input_cte }}.frontier_group = {{ prefix }}_nearest.frontier_group
            and {{ input_cte }}.point_key = {{ prefix }}_nearest.point_key
    left join {{ prefix }}_groups
        on {{ input_cte }}.frontier_group = {{ prefix }}_groups.frontier_group
)
{%- endmacro %}

{#- hal_cell_value_prefix(policy): the column prefix of int_hal__cell_values
    holding a cell's value under a repetition policy: latest, first_in_source,
    max, mean, or repetition_policy (whatever var hal_repetition_policy
    says: the cell_* columns). -#}
{% macro hal_cell_value_prefix(policy) -%}
    {%- set prefixes = {
        'latest': 'latest',
        'first_in_source': 'first',
        'max': 'max',
        'mean': 'mean',
        'repetition_policy': 'cell'
    } -%}
    {%- if policy not in prefixes -%}
        {{ exceptions.raise_compiler_error(
            "hal_cell_value_prefix: unknown policy " ~ policy
        ) }}
    {%- endif -%}
    {{ return(prefixes[policy]) }}
{%- endmacro %}
