{#-
    ClawBench helpers (shared/rules/clawbench.md): the quirk switch reader,
    the CB-05 run-score formula and the CB-02 tier of a task id. Each rule
    lives here once so that staging and intermediate cannot drift apart.
-#}

{#- clawbench_setting(quirk_var, default_value, compat_value): the value of
    one ClawBench quirk switch (rules/clawbench.md, section 4) through
    compat_setting() with the master var clawbench_compat. Fails the
    compilation when the var holds anything but the two values the rule
    defines, so a misspelt value cannot silently select the default. -#}
{% macro clawbench_setting(quirk_var, default_value, compat_value) -%}
    {%- set value = compat_setting(
        quirk_var, 'clawbench_compat', default_value, compat_value
    ) -%}
    {%- if value not in [default_value, compat_value] -%}
        {{ exceptions.raise_compiler_error(
            "var " ~ quirk_var ~ " must be " ~ default_value ~ " or "
            ~ compat_value ~ ", got " ~ value
        ) }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}

{#- clawbench_run_score(completion, trajectory, behavior, judge,
    is_deterministic): the CB-05 harness formula (scoring as of 2026-04-20)
    as a double. `judge` is the SQL expression of J, null when J is absent
    (disabled, errored, or dropped by CB-06); `is_deterministic` is true when
    the task has assertions. First matching case:
      1. J absent:                        (0.4C + 0.3T + 0.2B) / 0.9
      2. J, deterministic, C < floor:     (0.4C + 0.3T + 0.2B) / 0.9
      3. J, deterministic, C >= floor:    0.4C + 0.3T + 0.2B + 0.1J
      4. J, not deterministic:            0.2C + 0.2T + 0.1B + 0.5J
    floor = var clawbench_completion_floor (0.9999). Clamped to [0, 1] and
    rounded half to even at 4 decimals (DuckDB round_even). The weights are
    the harness's own constants, not parameters: CB-05 is normative (CB-Q3).
    A null C, T or B gives null: nulls never become 0 here (DuckDB's
    greatest() would skip them). -#}
{% macro clawbench_run_score(
    completion, trajectory, behavior, judge, is_deterministic
) -%}
    {%- set floor = var('clawbench_completion_floor') -%}
    {%- set c = "(" ~ completion ~ ")" -%}
    {%- set t = "(" ~ trajectory ~ ")" -%}
    {%- set b = "(" ~ behavior ~ ")" -%}
    {%- set j = "(" ~ judge ~ ")" -%}
    {%- set det = "(" ~ is_deterministic ~ ")" -%}
    {%- set renormalised = "(0.4 * " ~ c ~ " + 0.3 * " ~ t ~ " + 0.2 * "
        ~ b ~ ") / 0.9" -%}
    case
        when {{ c }} is null or {{ t }} is null or {{ b }} is null then null
        else round_even(greatest(0.0, least(1.0, case
            when {{ j }} is null then {{ renormalised }}
            when {{ det }} and {{ c }} < {{ floor }} then {{ renormalised }}
            when {{ det }}
                then 0.4 * {{ c }} + 0.3 * {{ t }} + 0.2 * {{ b }}
                + 0.1 * {{ j }}
            else 0.2 * {{ c }} + 0.2 * {{ t }} + 0.1 * {{ b }}
                + 0.5 * {{ j }}
        end)), 4)
    end
{%- endmacro %}

{#- clawbench_tier(task_id): CB-02, the tier of a task id: `^t(\d)-` gives
    tier<digit>, anything else `other` (so t10-... is other). Written with
    substr instead of a regular expression so it ports as it is. Null stays
    null. -#}
{% macro clawbench_tier(task_id) -%}
    case
        when {{ task_id }} is null then null
        when
            substr({{ task_id }}, 1, 1) = 't'
            and substr({{ task_id }}, 2, 1) in (
                '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'
            )
            and substr({{ task_id }}, 3, 1) = '-'
            then 'tier' || substr({{ task_id }}, 2, 1)
        else 'other'
    end
{%- endmacro %}

