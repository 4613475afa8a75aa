{#-
    HAL helper of the accuracy intervals (shared/rules/hal.md HAL-X2), kept
    apart from macros/hal.sql, which another engineer owns; merge at will.
-#}

{#- hal_results_list_length(results_json, key): the number of entries of
    the results list `key` (successful_tasks, failed_tasks) when it is a
    JSON array, else null (absent, null or not a list): HAL-X2 applies only
    when both lists are lists. -#}
{% macro hal_results_list_length(results_json, key) -%}
    case
        when json_type({{ results_json }}, '$."{{ key }}"') = 'ARRAY'
            then cast(
                json_array_length({{ results_json }}, '$."{{ key }}"')
                as bigint
            )
    end
{%- endmacro %}

{#- hal_wilson_bound(successes, trials, bound, z): HAL-X2, one bound
    ('low' or 'high') of the Wilson interval of p = successes / trials; z
    is an SQL expression of the normal quantile of 1 - (1 - level) / 2
    (compute it once with normal_quantile, it is long):
        centre = (p + z^2 / 2n) / (1 + z^2 / n)
        half   = z sqrt(p (1 - p) / n + z^2 / 4n^2) / (1 + z^2 / n)
    clamped to [0, 1] against rounding; null when trials is 0 or null. The
    formula of the rule as written (wilson_interval is the same interval in
    Newcombe's form at a fixed z). -#}
{% macro hal_wilson_bound(successes, trials, bound, z) -%}
    {%- if bound not in ['low', 'high'] -%}
        {{ exceptions.raise_compiler_error(
            "hal_wilson_bound: bound must be 'low' or 'high', got " ~ bound
        ) }}
    {%- endif -%}
    {%- set n = "cast(" ~ trials ~ " as double)" -%}
    {%- set p = "(cast(" ~ successes ~ " as double) / " ~ n ~ ")" -%}
    {%- set centre = "((" ~ p ~ " + " ~ z ~ " * " ~ z ~ " / (2 * " ~ n
        ~ ")) / (1 + " ~ z ~ " * " ~ z ~ " / " ~ n ~ "))" -%}
    {%- set half = "(" ~ z ~ " * sqrt(" ~ p ~ " * (1 - " ~ p ~ ") / " ~ n
        ~ " + " ~ z ~ " * " ~ z ~ " / (4 * " ~ n ~ " * " ~ n ~ ")) / (1 + "
        ~ z ~ " * " ~ z ~ " / " ~ n ~ "))" -%}
    case
        when not {{ trials }} > 0 then null
        {% if bound == 'low' -%}
        else greatest(cast(0 as double), {{ centre }} - {{ half }})
        {%- else -%}
        else least(cast(1 as double), {{ centre }} + {{ half }})
        {%- endif %}
    end
{%- endmacro %}
