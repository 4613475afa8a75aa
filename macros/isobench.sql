{#-
    isobench_run_key(repo_column): the run folder path
    <repo>/<agent>/<model_dir>/<run_timestamp> of an ISO-Bench staging row
    (ISO-01), with the repo column given (normalised through
    isobench_repo_aliases by the caller). isobench_item_key adds /<item_id>.
    Both read the loader's path columns agent, model_dir, run_timestamp and
    item_id.
-#}
{% macro isobench_run_key(repo_column) -%}
    {{ repo_column }} || '/' || agent || '/' || model_dir || '/'
    || run_timestamp
{%- endmacro %}

{% macro isobench_item_key(repo_column) -%}
    {{ isobench_run_key(repo_column) }} || '/' || item_id
{%- endmacro %}

{#-
    isobench_setting(quirk_var, default_value, compat_value): the value of
    one ISO-Bench quirk switch (shared/rules/isobench.md, section 4), through
    compat_setting() with the master var isobench_compat. Fails the
    compilation when the var holds anything but the two values the rule
    defines, so a misspelt value cannot silently select the default.
-#}
{% macro isobench_setting(quirk_var, default_value, compat_value) -%}
    {%- set value = compat_setting(
        quirk_var, 'isobench_compat', default_value, compat_value
    ) -%}
    {%- if value not in [default_value, compat_value] -%}
        {{ exceptions.raise_compiler_error(
            "var " ~ quirk_var ~ " must be " ~ default_value ~ " or "
            ~ compat_value ~ ", got " ~ value
        ) }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}

{#-
    isobench_message_display(expression): ISO-09, a message as the report
    shows it: its first isobench_message_width characters followed by ...
    when it is longer, else the whole message. Grouping uses the full one.
-#}
{% macro isobench_message_display(expression) -%}
    case
        when length({{ expression }}) > {{ var('isobench_message_width') }}
            then
                substr({{ expression }}, 1, {{ var('isobench_message_width') }})
                || '...'
        else {{ expression }}
    end
{%- endmacro %}

