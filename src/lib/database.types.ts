export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
	public: {
		Tables: {
			organizations: {
				Row: {
					approaches: Database['public']['Enums']['approach'][];
					approved_at: string | null;
					city: string | null;
					contact_email: string | null;
					contact_phone: string | null;
					created_at: string;
					description: string;
					id: string;
					kind: Database['public']['Enums']['organization_kind'];
					name: string;
					region: string | null;
					retention_days: number;
					slug: string;
					status: Database['public']['Enums']['organization_status'];
					updated_at: string;
					website: string | null;
				};
				ComputedFields: never;
				Insert: {
					approaches?: Database['public']['Enums']['approach'][];
					approved_at?: string | null;
					city?: string | null;
					contact_email?: string | null;
					contact_phone?: string | null;
					created_at?: string;
					description?: string;
					id?: string;
					kind: Database['public']['Enums']['organization_kind'];
					name: string;
					region?: string | null;
					retention_days?: number;
					slug: string;
					status?: Database['public']['Enums']['organization_status'];
					updated_at?: string;
					website?: string | null;
				};
				Update: {
					approaches?: Database['public']['Enums']['approach'][];
					approved_at?: string | null;
					city?: string | null;
					contact_email?: string | null;
					contact_phone?: string | null;
					created_at?: string;
					description?: string;
					id?: string;
					kind?: Database['public']['Enums']['organization_kind'];
					name?: string;
					region?: string | null;
					retention_days?: number;
					slug?: string;
					status?: Database['public']['Enums']['organization_status'];
					updated_at?: string;
					website?: string | null;
				};
				Relationships: [];
			};
			platform_admins: {
				Row: {
					granted_at: string;
					user_id: string;
				};
				ComputedFields: never;
				Insert: {
					granted_at?: string;
					user_id: string;
				};
				Update: {
					granted_at?: string;
					user_id?: string;
				};
				Relationships: [];
			};
		};
		Views: {
			[_ in never]: never;
		};
		Functions: {
			is_platform_admin: { Args: Record<PropertyKey, never>; Returns: boolean };
		};
		Enums: {
			approach:
				| 'peer_led'
				| 'activity_based'
				| 'dialogue_based'
				| 'twelve_step'
				| 'non_twelve_step'
				| 'for_relatives'
				| 'professional_led'
				| 'faith_based';
			organization_kind: 'user_organization' | 'ngo' | 'public_service' | 'treatment_facility';
			organization_status: 'pending' | 'approved' | 'suspended';
		};
		CompositeTypes: {
			[_ in never]: never;
		};
	};
};

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, 'public'>];

export type Tables<
	DefaultSchemaTableNameOrOptions extends
		| keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
		| { schema: keyof DatabaseWithoutInternals },
	TableName extends (DefaultSchemaTableNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
				DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])
		: never) = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
			DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])[TableName] extends {
			Row: infer R;
		}
		? R
		: never
	: DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
		? (DefaultSchema['Tables'] & DefaultSchema['Views'])[DefaultSchemaTableNameOrOptions] extends {
				Row: infer R;
			}
			? R
			: never
		: never;

export type TablesInsert<
	DefaultSchemaTableNameOrOptions extends
		keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
	TableName extends (DefaultSchemaTableNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
		: never) = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
			Insert: infer I;
		}
		? I
		: never
	: DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
		? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
				Insert: infer I;
			}
			? I
			: never
		: never;

export type TablesUpdate<
	DefaultSchemaTableNameOrOptions extends
		keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
	TableName extends (DefaultSchemaTableNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
		: never) = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
			Update: infer U;
		}
		? U
		: never
	: DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
		? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
				Update: infer U;
			}
			? U
			: never
		: never;

export type Enums<
	DefaultSchemaEnumNameOrOptions extends
		keyof DefaultSchema['Enums'] | { schema: keyof DatabaseWithoutInternals },
	EnumName extends (DefaultSchemaEnumNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums']
		: never) = never
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums'][EnumName]
	: DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums']
		? DefaultSchema['Enums'][DefaultSchemaEnumNameOrOptions]
		: never;

export type CompositeTypes<
	PublicCompositeTypeNameOrOptions extends
		keyof DefaultSchema['CompositeTypes'] | { schema: keyof DatabaseWithoutInternals },
	CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes']
		: never) = never
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes'][CompositeTypeName]
	: PublicCompositeTypeNameOrOptions extends keyof DefaultSchema['CompositeTypes']
		? DefaultSchema['CompositeTypes'][PublicCompositeTypeNameOrOptions]
		: never;

export const Constants = {
	public: {
		Enums: {
			approach: [
				'peer_led',
				'activity_based',
				'dialogue_based',
				'twelve_step',
				'non_twelve_step',
				'for_relatives',
				'professional_led',
				'faith_based'
			],
			organization_kind: ['user_organization', 'ngo', 'public_service', 'treatment_facility'],
			organization_status: ['pending', 'approved', 'suspended']
		}
	}
} as const;
