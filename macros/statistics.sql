{#-
    Statistics none of the replaced tools computes (issue 5): the exact
    McNemar p-value (shared/rules/hal.md HAL-X4), a deterministic uniform
    draw for resampling, a percentile bootstrap that resamples tasks
    (CB-X2, HAL-X3), the normal and Student t quantiles and a t interval.
    Every macro returns SQL text; the engine-specific pieces go through
    adapter.dispatch('<name>', 'agent_evals'), so another warehouse supplies
    its own <adapter>__<name> without touching the models.
    Unit tests: tests/python/test_statistics.py (against exact fractions and
    reference quantiles) and the unit tests of int_config_score_intervals,
    fct_paired_comparisons and int_hal__run_accuracy_intervals.
-#}

{#- mcnemar_exact_p(n10, n01): HAL-X4, the exact two-sided McNemar p-value
    of the discordant counts,
        p = min(1, 2 * sum_{i=0..min(b,c)} C(b+c, i) / 2^(b+c)),
    1 when b + c = 0, null when either count is null. For b + c <= 40 the
    binomial coefficients are recovered exactly as integers (round of the
    log-space value, exact below 2^40) and summed exactly, so the p-value is
    the correctly rounded double of the exact fraction (3, 0 -> 0.25); above,
    each term is exp(lgamma(n+1) - lgamma(i+1) - lgamma(n-i+1) - n ln 2), a
    relative error near 1e-12 at b + c = 5000. -#}
{% macro mcnemar_exact_p(n10, n01) -%}
    {{ return(adapter.dispatch('mcnemar_exact_p', 'agent_evals')(n10, n01)) }}
{%- endmacro %}

{% macro default__mcnemar_exact_p(n10, n01) -%}
    {%- set n = "(" ~ n10 ~ " + " ~ n01 ~ ")" -%}
    {%- set log_term = "(lgamma(" ~ n ~ " + 1) - lgamma(terms.i + 1)"
        ~ " - lgamma(" ~ n ~ " - terms.i + 1))" -%}
    case
        when {{ n10 }} is null or {{ n01 }} is null then null
        when {{ n }} = 0 then cast(1 as double)
        when {{ n }} <= 40 then least(
            cast(1 as double),
            2 * (
                select sum(round(exp({{ log_term }})))
                from generate_series(0, least({{ n10 }}, {{ n01 }}))
                    as terms (i)
            ) / power(cast(2 as double), {{ n }})
        )
        else least(
            cast(1 as double),
            2 * (
                select sum(exp({{ log_term }} - {{ n }} * ln(2)))
                from generate_series(0, least({{ n10 }}, {{ n01 }}))
                    as terms (i)
            )
        )
    end
{%- endmacro %}

{#- uniform_draw(parts, seed): a deterministic pseudo-random double in
    [0, 1) for one draw, from the md5 of the text
        <seed>|<part 1>|<part 2>|...
    (each part cast to varchar): the first 13 hex digits as an integer over
    2^52. The same parts and seed give the same draw on every run, thread
    count and engine that implements the same md5 recipe, and Python
    reproduces it with int(md5(text).hexdigest()[:13], 16) / 2**52. -#}
{% macro uniform_draw(parts, seed) -%}
    {{ return(adapter.dispatch('uniform_draw', 'agent_evals')(parts, seed)) }}
{%- endmacro %}

{% macro default__uniform_draw(parts, seed) -%}
    {{ exceptions.raise_compiler_error(
        "uniform_draw: no implementation for adapter " ~ adapter.type()
        ~ "; add " ~ adapter.type() ~ "__uniform_draw (macros/statistics.sql)"
        ~ " returning the first 13 hex digits of md5 over 2^52"
    ) }}
{%- endmacro %}

{% macro duckdb__uniform_draw(parts, seed) -%}
    {%- set text -%}
        '{{ seed }}'{% for part in parts %} || '|' || cast({{ part }} as varchar){% endfor %}
    {%- endset -%}
    (
        cast(
            cast(('0x' || left({{ dbt.hash(text) }}, 13)) as bigint)
            as double
        ) / 4503599627370496.0
    )
{%- endmacro %}

{#- bootstrap_percentile_intervals(units, group_columns, unit_column,
    statistics, n_resamples, seed, ci_level): a query (use it as the body of
    a CTE) with one row per group of `units` and percentile bootstrap bounds
    of each statistic, resampling UNITS (tasks) with replacement, so the
    rows a unit stands for (a task's repeated runs) move together (CB-X2,
    HAL-X3).

    units          a relation or CTE with one row per (group, unit) and the
                   per-unit columns the statistics read.
    group_columns  list of column names; each group is resampled apart.
    unit_column    the unit's id, unique within a group (its order numbers
                   the units 1..n).
    statistics     dict name -> aggregate SQL over the unit columns, the
                   statistic of one resample (e.g. a sum of sums over a
                   sum of counts); use float_sum / float_avg so that it
                   is the same to the bit on every run and thread count.
    n_resamples    number of resamples (an integer).
    seed           the seed of uniform_draw.
    ci_level       two-sided level; the bounds are percentile_cont at
                   (1 - ci_level) / 2 and (1 + ci_level) / 2.

    Resample r of a group with n units draws n units; draw j picks unit
    1 + floor(n * uniform_draw([n, r, j], seed)). The draws depend on n, r
    and j only (common random numbers): groups of the same size share their
    resampling pattern, each group's interval is a plain bootstrap, and md5
    runs once per (n, r, j) instead of once per group (paired comparisons
    have many groups of the same size). Output columns:
    the group columns, n_bootstrap_units, n_bootstrap_resamples (resamples
    whose statistic is not null; resamples without one are left out) and
    <name>_low, <name>_high for each statistic. A group whose units are all
    equal gives a zero-width interval. -#}
{% macro bootstrap_percentile_intervals(
    units, group_columns, unit_column, statistics, n_resamples, seed,
    ci_level
) -%}
    {%- set lower_q = ((1 - ci_level) / 2) | round(12) -%}
    {%- set upper_q = ((1 + ci_level) / 2) | round(12) -%}
    with

    bootstrap_units as (
        select
            *,
            {{ surrogate_key(group_columns) }} as bootstrap_group_key,
            row_number() over (
                partition by {{ group_columns | join(', ') }}
                order by {{ unit_column }}
            ) as bootstrap_unit_index,
            count(*) over (
                partition by {{ group_columns | join(', ') }}
            ) as bootstrap_n_units
        from {{ units }}
    ),

    bootstrap_resample_ids as (
        {{ dbt.generate_series(n_resamples) }}
    ),

    -- the draws depend on the group's size only, so md5 runs once per
    -- (size, resample, draw) however many groups share a size
    bootstrap_slots as (
        select distinct
            bootstrap_n_units,
            bootstrap_unit_index as bootstrap_draw_index
        from bootstrap_units
    ),

    bootstrap_size_draws as (
        select
            bootstrap_slots.bootstrap_n_units,
            bootstrap_slots.bootstrap_draw_index,
            bootstrap_resample_ids.generated_number as bootstrap_resample_id,
            1 + cast(floor(
                bootstrap_slots.bootstrap_n_units * {{ uniform_draw([
                    'bootstrap_slots.bootstrap_n_units',
                    'bootstrap_resample_ids.generated_number',
                    'bootstrap_slots.bootstrap_draw_index'
                ], seed) }}
            ) as bigint) as bootstrap_drawn_index
        from bootstrap_slots
        cross join bootstrap_resample_ids
    ),

    bootstrap_draws_valued as (
        select
            bootstrap_size_draws.bootstrap_resample_id,
            drawn_units.*
        from bootstrap_units
        inner join bootstrap_size_draws
            on
                bootstrap_units.bootstrap_n_units
                = bootstrap_size_draws.bootstrap_n_units
                and bootstrap_units.bootstrap_unit_index
                = bootstrap_size_draws.bootstrap_draw_index
        inner join bootstrap_units as drawn_units
            on
                bootstrap_units.bootstrap_group_key
                = drawn_units.bootstrap_group_key
                and bootstrap_size_draws.bootstrap_drawn_index
                = drawn_units.bootstrap_unit_index
    ),

    bootstrap_statistics as (
        select
            {% for column in group_columns -%}
            {{ column }},
            {% endfor -%}
            bootstrap_resample_id,
            max(bootstrap_n_units) as bootstrap_n_units
            {%- for name, expression in statistics.items() %},
            {{ expression }} as {{ name }}
            {%- endfor %}
        from bootstrap_draws_valued
        group by
            {% for column in group_columns -%}
            {{ column }},
            {% endfor -%}
            bootstrap_resample_id
    )

    select
        {% for column in group_columns -%}
        {{ column }},
        {% endfor -%}
        max(bootstrap_n_units) as n_bootstrap_units
        {%- for name in statistics %},
        count({{ name }}) as {{ name }}_n_bootstrap_resamples,
        percentile_cont({{ lower_q }}) within group (order by {{ name }})
            as {{ name }}_low,
        percentile_cont({{ upper_q }}) within group (order by {{ name }})
            as {{ name }}_high
        {%- endfor %}
    from bootstrap_statistics
    group by
        {% for column in group_columns -%}
        {{ column }}{% if not loop.last %},{% endif %}
        {% endfor %}
{%- endmacro %}

{#- polynomial(x, coefficients): the polynomial with the given
    coefficients (highest degree first) at x, written flat as a sum of
    c_k * x * ... * x terms rather than in Horner form, whose nesting
    exceeds sqlfluff's parse depth in the models that inline it. -#}
{% macro polynomial(x, coefficients) -%}
    {%- set degree = coefficients | length - 1 -%}
    (
    {%- for coefficient in coefficients -%}
        {%- set power = degree - loop.index0 -%}
        {{ ' + ' if not loop.first }}{{ coefficient }}
        {%- for _ in range(power) %} * {{ x }}{% endfor -%}
    {%- endfor -%}
    )
{%- endmacro %}

{#- normal_quantile(p): the standard normal quantile of p in (0, 1),
    Wichura's algorithm AS 241 (PPND16, relative error about 1e-16);
    null outside (0, 1). -#}
{% macro normal_quantile(p) -%}
    {%- set q = "(cast(" ~ p ~ " as double) - 0.5)" -%}
    {%- set r_centre = "(0.180625 - " ~ q ~ " * " ~ q ~ ")" -%}
    {%- set r_tail = "sqrt(-ln(least(cast(" ~ p ~ " as double), 1 - cast("
        ~ p ~ " as double))))" -%}
    {%- set r_near = "(" ~ r_tail ~ " - 1.6)" -%}
    {%- set r_far = "(" ~ r_tail ~ " - 5)" -%}
    case
        when not ({{ p }} > 0 and {{ p }} < 1) then null
        when abs({{ q }}) <= 0.425 then {{ q }} * {{ polynomial(r_centre, [
            2509.0809287301226727, 33430.575583588128105,
            67265.770927008700853, 45921.953931549871457,
            13731.693765509461125, 1971.5909503065514427,
            133.14166789178437745, 3.387132872796366608
        ]) }} / {{ polynomial(r_centre, [
            5226.495278852545925, 28729.085735721942674,
            39307.89580009271061, 21213.794301586595867,
            5394.1960214247511077, 687.1870074920579083,
            42.313330701600911252, 1.0
        ]) }}
        else sign({{ q }}) * case
            when {{ r_tail }} <= 5 then {{ polynomial(r_near, [
                7.7454501427834140764e-4, 0.0227238449892691845833,
                0.24178072517745061177, 1.27045825245236838258,
                3.64784832476320460504, 5.7694972214606914055,
                4.6303378461565452959, 1.42343711074968357734
            ]) }} / {{ polynomial(r_near, [
                1.05075007164441684324e-9, 5.475938084995344946e-4,
                0.0151986665636164571966, 0.14810397642748007459,
                0.68976733498510000455, 1.6763848301838038494,
                2.05319162663775882187, 1.0
            ]) }}
            else {{ polynomial(r_far, [
                2.01033439929228813265e-7, 2.71155556874348757815e-5,
                0.0012426609473880784386, 0.026532189526576123093,
                0.29656057182850489123, 1.7848265399172913358,
                5.4637849111641143699, 6.6579046435011037772
            ]) }} / {{ polynomial(r_far, [
                2.04426310338993978564e-15, 1.4215117583164458887e-7,
                1.8463183175100546818e-5, 7.868691311456132591e-4,
                0.0148753612908506148525, 0.13692988092273580531,
                0.59983220655588793769, 1.0
            ]) }}
        end
    end
{%- endmacro %}

{#- t_critical_value(df, level): the two-sided Student t critical value,
    the t with P(|T| <= t) = level for df degrees of freedom (the 1 -
    (1 - level) / 2 quantile). Hill's algorithm 396 (1970): exact for
    df = 1 and 2, relative error below 1e-5 for df >= 3 at levels 0.8 to
    0.999 (below 1e-6 at 0.95); null when df < 1. df may be fractional. -#}
{% macro t_critical_value(df, level) -%}
    {#- each stage a derived table, so that no sub-expression is repeated
        as text (a, b, x, y reappear many times in the formula) -#}
    (
        select
            case
                when hill_5.hill_df is null or hill_5.hill_df < 1 then null
                when hill_5.hill_n = 1
                    then cos(hill_5.hill_p * pi() / 2) / sin(hill_5.hill_p * pi() / 2)
                when hill_5.hill_n = 2 then sqrt(2 / (hill_5.hill_p * (2 - hill_5.hill_p)) - 2)
                when hill_5.hill_y_start > 0.05 + hill_5.hill_a then sqrt(hill_5.hill_n * case
                    when hill_5.hill_y_squared > 0.002 then exp(hill_5.hill_y_squared) - 1
                    else 0.5 * hill_5.hill_y_squared * hill_5.hill_y_squared
                        + hill_5.hill_y_squared
                end)
                else sqrt(hill_5.hill_n * (
                    (
                        (
                            1 / (
                                ((hill_5.hill_n + 6) / (hill_5.hill_n * hill_5.hill_y_start)
                                    - 0.089 * hill_5.hill_d - 0.822)
                                * (hill_5.hill_n + 2) * 3
                            )
                            + 0.5 / (hill_5.hill_n + 4)
                        ) * hill_5.hill_y_start - 1
                    ) * (hill_5.hill_n + 1) / (hill_5.hill_n + 2) + 1 / hill_5.hill_y_start
                ))
            end
        from (
            select
                hill_4.*,
                hill_4.hill_a * hill_4.hill_y_normal * hill_4.hill_y_normal as hill_y_squared
            from (
                select
                    hill_3.*,
                    (
                        (
                            (
                                ((0.4 * hill_3.hill_x * hill_3.hill_x + 6.3)
                                    * hill_3.hill_x * hill_3.hill_x + 36)
                                * hill_3.hill_x * hill_3.hill_x + 94.5
                            ) / hill_3.hill_c_tail - hill_3.hill_x * hill_3.hill_x - 3
                        ) / hill_3.hill_b + 1
                    ) * hill_3.hill_x as hill_y_normal
                from (
                    select
                        hill_2.*,
                        (
                            ((0.05 * hill_2.hill_d * hill_2.hill_x - 5) * hill_2.hill_x - 7)
                            * hill_2.hill_x - 2
                        ) * hill_2.hill_x + hill_2.hill_b + hill_2.hill_c + case
                            when hill_2.hill_n < 5
                                then 0.3 * (hill_2.hill_n - 4.5) * (hill_2.hill_x + 0.6)
                            else 0
                        end as hill_c_tail,
                        power(hill_2.hill_d * hill_2.hill_p, 2 / hill_2.hill_n) as hill_y_start
                    from (
                        select
                            hill_1.*,
                            ((94.5 / (hill_1.hill_b + hill_1.hill_c) - 3) / hill_1.hill_b + 1)
                            * sqrt(hill_1.hill_a * pi() / 2) * hill_1.hill_n as hill_d
                        from (
                            select
                                hill_0.*,
                                ((20700 * hill_0.hill_a / hill_0.hill_b - 98) * hill_0.hill_a
                                    - 16) * hill_0.hill_a + 96.36 as hill_c
                            from (
                                select
                                    hill_input.hill_df,
                                    hill_input.hill_n,
                                    hill_input.hill_p,
                                    1 / (hill_input.hill_n - 0.5) as hill_a,
                                    48 * (hill_input.hill_n - 0.5)
                                    * (hill_input.hill_n - 0.5) as hill_b,
                                    {{ normal_quantile('hill_input.hill_p / 2') }}
                                        as hill_x
                                from (
                                    select
                                        cast({{ df }} as double) as hill_df,
                                        greatest(
                                            cast({{ df }} as double), 1
                                        ) as hill_n,
                                        cast(1 - {{ level }} as double) as hill_p
                                ) as hill_input
                            ) as hill_0
                        ) as hill_1
                    ) as hill_2
                ) as hill_3
            ) as hill_4
        ) as hill_5
    )
{%- endmacro %}

{#- t_interval(mean, stddev, n, bound, level, t_critical): one bound ('low'
    or 'high') of the t interval mean -+ t(n - 1) * stddev / sqrt(n) for the
    mean of n values (a mean paired difference); stddev is the sample
    standard deviation (divisor n - 1). The critical value is
    t_critical_value(n - 1, level), or the SQL expression t_critical when
    given (compute it once in a column: the expression is long). Null when
    n < 2 or an input is null. -#}
{% macro t_interval(mean, stddev, n, bound, level=none, t_critical=none) -%}
    {%- if bound not in ['low', 'high'] -%}
        {{ exceptions.raise_compiler_error(
            "t_interval: bound must be 'low' or 'high', got " ~ bound
        ) }}
    {%- endif -%}
    {%- if t_critical is none -%}
        {%- if level is none -%}
            {{ exceptions.raise_compiler_error(
                "t_interval: give level or t_critical"
            ) }}
        {%- endif -%}
        {%- set t_critical = t_critical_value('(' ~ n ~ ') - 1', level) -%}
    {%- endif -%}
    case
        when {{ n }} >= 2 then {{ mean }} {{ '-' if bound == 'low' else '+' }}
            ({{ t_critical }})
            * {{ stddev }} / sqrt(cast({{ n }} as double))
    end
{%- endmacro %}
